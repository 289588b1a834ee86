using Microsoft.Extensions.Options;
using OrleansChat.Web;

try
{
    await ChatFrontend.Build(args).RunAsync();
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync($"OrleansChat.WebFrontend: invalid settings, not started. {ex.Message}");
    return 2;
}

return 0;
