using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>The hub's context with only its group manager, for relay code that should only join and leave groups.</summary>
internal sealed class GroupsOnlyHubContext(IGroupManager groups) : IHubContext<ChatHub>
{
    public IHubClients Clients => throw new NotSupportedException("This test sends nothing to clients.");

    public IGroupManager Groups => groups;
}
