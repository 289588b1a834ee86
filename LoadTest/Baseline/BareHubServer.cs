using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansChat.LoadTest.Baseline;

/// <summary>The tool started as <c>baseline-server --urls http://127.0.0.1:PORT</c>: Kestrel with the bare hub only.</summary>
internal static class BareHubServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Ok("ok"));
        app.MapHub<BareHub>("/hub/bare");
        await app.RunAsync();
    }
}
