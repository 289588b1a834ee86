using System.Security.Claims;

namespace OrleansChat.Web.Auth;

/// <summary>
/// The login cookie carries only the user name and the session id (<see cref="SessionPrincipal"/>); on every request the
/// session is checked with the Account grain and the principal replaced by the account as it is now
/// (<see cref="ToPrincipal"/>), from which <see cref="ToCaller"/> builds the <see cref="Caller"/> the grains authorize on.
/// </summary>
internal static class CallerExtensions
{
    public const string SessionClaim = "orleanschat:session";

    public static Caller ToCaller(this ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrEmpty(id))
        {
            throw new ChatException(ChatError.Forbidden, "Please log in.");
        }

        var roles = AccountRole.None;
        foreach (var claim in user!.FindAll(ClaimTypes.Role))
        {
            if (Enum.TryParse<AccountRole>(claim.Value, out var role))
            {
                roles |= role;
            }
        }

        return new Caller(id, user.FindFirstValue(ClaimTypes.Name) ?? id, roles);
    }

    public static string? SessionId(this ClaimsPrincipal? user) => user?.FindFirstValue(SessionClaim);

    public static string? UserId(this ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>What the cookie holds: who and which session, nothing that could go stale.</summary>
    public static ClaimsPrincipal SessionPrincipal(string userName, string sessionId, string scheme) =>
        new(new ClaimsIdentity(SessionClaims(userName, sessionId), scheme));

    /// <summary>The account as its live session allows now: name, display name, current roles.</summary>
    public static ClaimsPrincipal ToPrincipal(this AccountInfo account, string sessionId, string scheme)
    {
        var claims = SessionClaims(account.UserName, sessionId);
        claims.Add(new Claim(ClaimTypes.Name, account.DisplayName));
        foreach (var role in new[] { AccountRole.User, AccountRole.Helper, AccountRole.Monitor })
        {
            if (account.Roles.HasFlag(role))
            {
                claims.Add(new Claim(ClaimTypes.Role, role.ToString()));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static List<Claim> SessionClaims(string userName, string sessionId) =>
        [new(ClaimTypes.NameIdentifier, userName), new(SessionClaim, sessionId)];
}
