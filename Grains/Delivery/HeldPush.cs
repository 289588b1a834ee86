namespace OrleansChat.Grains.Delivery;

/// <summary>
/// A push that named frontends the silo's copy of the frontend directory did not know when it was made, kept until a
/// directory read finds them; or a push to every frontend, kept until a read that started after it.
/// </summary>
/// <param name="Push">What to deliver.</param>
/// <param name="Wanted">The frontends it is for; null for every frontend.</param>
/// <param name="Told">The frontends it was delivered to already.</param>
/// <param name="At">When it was made.</param>
internal sealed record HeldPush(FrontendPush Push, string[]? Wanted, HashSet<string> Told, DateTimeOffset At)
{
    /// <summary>True when every frontend it names has it (a push to every frontend is never complete by itself).</summary>
    public bool Complete => Wanted is { } wanted && wanted.All(Told.Contains);
}
