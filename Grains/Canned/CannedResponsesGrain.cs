using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Canned;

/// <summary>
/// One set of canned responses (the global one, or a helper's own), unique by shortcut. Each save or removal is replayed
/// on the reloaded set when the row changed behind the grain's back (<see cref="StateChanges{TState}"/>).
/// </summary>
internal sealed partial class CannedResponsesGrain(
    [PersistentState("canned", "chat")] IPersistentState<CannedResponsesState> state,
    IOptions<ChatOptions> options,
    ILogger<CannedResponsesGrain> logger) : Grain, ICannedResponsesGrain
{
    private readonly ChatOptions _options = options.Value;
    private readonly StateChanges<CannedResponsesState> _changes = new(state, options.Value.StateConflictAttempts, logger);

    private List<CannedResponse> Responses => state.State.Responses;

    public Task<ImmutableArray<CannedResponse>> List() => Task.FromResult(Sorted());

    public async Task<ImmutableArray<CannedResponse>> Save(CannedResponse response)
    {
        if (response is null)
        {
            throw new ChatException(ChatError.Invalid, "A canned response is required.");
        }

        var shortcut = Shortcut(response.Shortcut);
        var cleaned = new CannedResponse(
            TextRules.SingleLine(response.Category, "Category", _options.MaxNameLength, required: true),
            shortcut,
            TextRules.SingleLine(response.Title, "Title", _options.MaxFieldLength, required: true),
            TextRules.Required(response.Text, "Text", _options.MaxMessageLength));
        if (!Responses.Exists(r => r.Shortcut == shortcut) && Responses.Count >= _options.MaxCannedResponses)
        {
            throw new ChatException(ChatError.TooLarge, $"A set holds at most {_options.MaxCannedResponses} canned responses.");
        }

        await _changes.UpdateAsync(s =>
        {
            var index = s.Responses.FindIndex(r => r.Shortcut == shortcut);
            if (index < 0)
            {
                s.Responses.Add(cleaned);
            }
            else if (s.Responses[index] != cleaned)
            {
                s.Responses[index] = cleaned;
            }
            else
            {
                return false;
            }

            return true;
        });
        return Sorted();
    }

    public async Task<ImmutableArray<CannedResponse>> Remove(string shortcut)
    {
        var key = Shortcut(shortcut);
        if (!Responses.Exists(r => r.Shortcut == key))
        {
            throw new ChatException(ChatError.NotFound, $"There is no canned response '/{key}'.");
        }

        await _changes.UpdateAsync(s => s.Responses.RemoveAll(r => r.Shortcut == key) > 0);
        return Sorted();
    }

    private static string Shortcut(string? value)
    {
        var shortcut = (value ?? string.Empty).Trim().TrimStart('/').ToLowerInvariant();
        return ShortcutPattern().IsMatch(shortcut)
            ? shortcut
            : throw new ChatException(ChatError.Invalid, "A shortcut is 1 to 30 letters, digits or dashes, like 'greet'.");
    }

    private ImmutableArray<CannedResponse> Sorted() =>
        [.. Responses.OrderBy(r => r.Category, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Shortcut, StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,29}$")]
    private static partial Regex ShortcutPattern();
}
