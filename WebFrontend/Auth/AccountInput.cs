using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Auth;

/// <summary>
/// Reads and checks the body of an account request before any of it becomes a grain key or a log line: at most
/// <see cref="FrontendOptions.MaxAccountRequestBytes"/> of JSON, a well-formed user name, a password that is present.
/// Anything else is a 400 (or 413 for the size) with a clear JSON message, never a 500.
/// </summary>
internal static class AccountInput
{
    public static async Task<T> ReadAsync<T>(HttpContext http)
        where T : class
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<FrontendOptions>>().Value.MaxAccountRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit; // a body without a length (chunked) stops here too
        }

        if (!http.Request.HasJsonContentType())
        {
            throw new ChatException(ChatError.Invalid, "Send the request as JSON (Content-Type: application/json).");
        }

        try
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return await http.Request.ReadFromJsonAsync<T>(json, http.RequestAborted)
                ?? throw new ChatException(ChatError.Invalid, "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new ChatException(ChatError.Invalid, "The request body is not valid JSON for this request.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }
    }

    /// <summary>The normalized user name, refused unless it has the shape every user name has (<see cref="AccountNames"/>).</summary>
    public static string UserName(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            throw new ChatException(ChatError.Invalid, "A user name is required.");
        }

        var normalized = AccountNames.Normalize(userName);
        AccountNames.Validate(normalized); // 3 to 32 characters of a safe set: fit for a grain key and a log line
        return normalized;
    }

    public static string Password(string? password, string what = "A password") =>
        string.IsNullOrEmpty(password) ? throw new ChatException(ChatError.Invalid, $"{what} is required.") : password;

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"An account request may have at most {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
