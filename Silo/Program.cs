using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansChat.Silo;

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.UseOrleans(silo => silo
        .ConfigureChatClustering(builder.Configuration)
        .ConfigureChatSilo(builder.Configuration));
    builder.AddChatSiloTelemetry();
    builder.Services.Configure<BootstrapSettings>(builder.Configuration.GetSection(BootstrapSettings.SectionName));
    builder.Services.AddHostedService<MonitorBootstrap>();
    await builder.Build().RunAsync();
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"OrleansChat.Silo: invalid settings, not started. {ex.Message}");
    return 2;
}

return 0;
