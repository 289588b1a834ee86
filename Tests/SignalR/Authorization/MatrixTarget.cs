namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>The three rooms a room method is called on.</summary>
internal enum MatrixTarget
{
    /// <summary>The user's chat, taken by the helper inside.</summary>
    OwnRoom,

    /// <summary>A chat of a stranger with another helper: none of the callers is in it.</summary>
    ForeignRoom,

    /// <summary>A well-formed room id that no room has.</summary>
    MissingRoom,
}
