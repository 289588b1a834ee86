namespace OrleansChat.Web.Hubs;

/// <summary>
/// The account role a hub method asks of its caller. Checked by <see cref="ChatHubFilter"/> before the method runs,
/// on the roles of <see cref="ChatHub.Me"/>. Anonymous connections never get this far: the hub requires a login.
/// </summary>
internal enum HubRole
{
    /// <summary>Any signed-in account that holds a role (User, Helper or Monitor).</summary>
    User,

    /// <summary>Helpers, and monitors (a monitor may do whatever a helper may).</summary>
    Helper,

    /// <summary>Monitors only.</summary>
    Monitor,
}
