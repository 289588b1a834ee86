using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>A hub whose method declares no rule: the filter must refuse it.</summary>
internal sealed class UndeclaredHub : Hub
{
    public Task Open() => Task.CompletedTask;
}
