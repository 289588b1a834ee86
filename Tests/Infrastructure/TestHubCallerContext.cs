using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>A hub connection's context without a connection: who it is, and whether the server aborted it.</summary>
public sealed class TestHubCallerContext(ClaimsPrincipal user) : HubCallerContext
{
    private readonly CancellationTokenSource _aborted = new();

    public override string ConnectionId { get; } = Guid.NewGuid().ToString("N");

    public override string? UserIdentifier => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public override ClaimsPrincipal User { get; } = user;

    public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override CancellationToken ConnectionAborted => _aborted.Token;

    public bool Aborted => _aborted.IsCancellationRequested;

    public override void Abort() => _aborted.Cancel();
}
