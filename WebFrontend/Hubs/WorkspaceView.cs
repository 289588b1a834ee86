using System.Collections.Immutable;

namespace OrleansChat.Web.Hubs;

/// <summary>What a page gets on load, reconnect or focus: who I am, my workspace, and (helpers) my open offers and status.</summary>
public sealed record WorkspaceView(
    string UserName,
    string DisplayName,
    AccountRole Roles,
    Workspace Workspace,
    ImmutableArray<UserNotice> Offers,
    HelperStatus? Helper);
