using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>A hub connection of a signed-in person, for calling the hub filter without a server.</summary>
internal sealed class SignedInContext(ClaimsPrincipal user) : HubCallerContext
{
    public override string ConnectionId => "connection";

    public override string? UserIdentifier => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public override ClaimsPrincipal? User => user;

    public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override CancellationToken ConnectionAborted => CancellationToken.None;

    public override void Abort()
    {
    }
}
