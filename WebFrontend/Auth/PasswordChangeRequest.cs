namespace OrleansChat.Web.Auth;

internal sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
