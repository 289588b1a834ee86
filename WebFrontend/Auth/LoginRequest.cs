namespace OrleansChat.Web.Auth;

internal sealed record LoginRequest(string? UserName, string? Password);
