namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>
/// One call of the matrix: what the declared rule says (<paramref name="Allowed"/>) and what happened
/// (<paramref name="Outcome"/>: "ok", an error code, or "no-connection"). <paramref name="Target"/> is null for a method
/// that names no room.
/// </summary>
internal sealed record MatrixCell(string Method, MatrixPerson Person, MatrixTarget? Target, bool Allowed, string Outcome)
{
    /// <summary>Refused for who the caller is: forbidden, no connection, or (for a room) no such room for this caller.</summary>
    public bool Refused => Outcome is ChatError.Forbidden or MatrixWorld.NoConnection || (Target is not null && Outcome == ChatError.NotFound);

    public bool Succeeded => Outcome == MatrixWorld.Succeeded;

    /// <summary>Why this cell breaks the table, or null: a success the rule refuses, or a refusal of a call it allows.</summary>
    public string? Violation =>
        Succeeded && !Allowed ? "succeeded although its rule refuses it"
        : Refused && Allowed ? $"was refused ({Outcome}) although its rule allows it"
        : null;

    public override string ToString() => $"{Method} as {Person}{(Target is { } t ? $" on {t}" : string.Empty)}";
}
