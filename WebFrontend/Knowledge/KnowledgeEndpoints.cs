using Microsoft.Extensions.Options;

namespace OrleansChat.Web.Knowledge;

/// <summary>
/// <c>GET /api/kb/search?q=</c> for any logged-in person (the user's question form, the helper's side panel), and the
/// registration of the configured knowledge base.
/// </summary>
public static class KnowledgeEndpoints
{
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.SectionName));
        services.AddSingleton<LocalKnowledgeBase>();
        services.AddHttpClient<KitsuneKnowledgeBase>();
        services.AddSingleton<IKnowledgeBase>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Provider, "Kitsune", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<KitsuneKnowledgeBase>()
                : sp.GetRequiredService<LocalKnowledgeBase>());
        return services;
    }

    public static void MapKnowledgeEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/kb/search", SearchAsync).RequireAuthorization();

    private static async Task<IResult> SearchAsync(string? q, IKnowledgeBase knowledge, IOptions<KnowledgeOptions> options, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var query = (q ?? string.Empty).Trim();
        if (query.Length == 0)
        {
            return Results.BadRequest(new { error = "invalid", message = "Type something to search for." });
        }

        if (query.Length > o.MaxQueryLength)
        {
            query = query[..o.MaxQueryLength];
        }

        return Results.Ok(new { articles = await knowledge.SearchAsync(query, o.MaxResults, cancellationToken) });
    }
}
