using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansChat.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .ConfigureChatClustering(builder.Configuration)
    .ConfigureChatSilo(builder.Configuration));
builder.Services.Configure<BootstrapSettings>(builder.Configuration.GetSection(BootstrapSettings.SectionName));
builder.Services.AddHostedService<MonitorBootstrap>();
await builder.Build().RunAsync();
