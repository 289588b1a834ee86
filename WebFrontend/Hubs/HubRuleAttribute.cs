namespace OrleansChat.Web.Hubs;

/// <summary>
/// Who may call a hub method: the one declaration per method, read by <see cref="ChatHubFilter"/> on every call and
/// by the authorization matrix test. A hub method without it is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class HubRuleAttribute(HubRole role, RoomRule room = RoomRule.None) : Attribute
{
    public HubRole Role { get; } = role;

    public RoomRule Room { get; } = room;

    /// <summary>True when the caller holds the role the method asks for; the room part is the grains' to check.</summary>
    public bool Admits(Caller caller) => Role switch
    {
        HubRole.User => caller.Roles != AccountRole.None,
        HubRole.Helper => caller.IsHelper,
        HubRole.Monitor => caller.IsMonitor,
        _ => false,
    };

    public string Refusal => Role switch
    {
        HubRole.Monitor => "Only monitors can do this.",
        HubRole.Helper => "Only helpers can do this.",
        _ => "Please log in.",
    };
}
