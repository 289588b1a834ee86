namespace OrleansChat.Web.Auth;

internal sealed record RegisterRequest(string? UserName, string? Password, string? DisplayName);
