using System.Security.Claims;

namespace OrleansChat.Web.Auth;

/// <summary>Turns the authenticated cookie into the <see cref="Caller"/> the grains authorize on.</summary>
internal static class CallerExtensions
{
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

    public static ClaimsPrincipal ToPrincipal(this AccountInfo account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.UserName),
            new(ClaimTypes.Name, account.DisplayName),
        };
        foreach (var role in new[] { AccountRole.User, AccountRole.Helper, AccountRole.Monitor })
        {
            if (account.Roles.HasFlag(role))
            {
                claims.Add(new Claim(ClaimTypes.Role, role.ToString()));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
