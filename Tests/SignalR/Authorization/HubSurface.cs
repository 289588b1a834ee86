using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Web.Hubs;

namespace OrleansChat.Tests.SignalR.Authorization;

internal static class HubSurface
{
    /// <summary>
    /// The methods a client can invoke on <see cref="ChatHub"/>, found as SignalR finds them (public instance methods,
    /// but property accessors and those of <see cref="Hub"/> and <see cref="object"/>), in declaration order.
    /// </summary>
    public static IReadOnlyList<MethodInfo> Methods() =>
        [.. typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType is { } declared && declared != typeof(Hub) && declared != typeof(object))
            .OrderBy(m => m.MetadataToken)];
}
