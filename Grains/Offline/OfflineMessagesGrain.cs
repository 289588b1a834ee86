using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Delivery;
using OrleansChat.Grains.Options;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.State;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Offline;

/// <summary>
/// The open offline messages. Not reentrant: a take is decided one at a time, so two helpers opening the same message get
/// one chat and one clear refusal. Every change is stored before it is told (the consoles read the list again).
/// </summary>
internal sealed class OfflineMessagesGrain(
    [PersistentState("offline", "chat")] IPersistentState<OfflineMessagesState> state,
    IOptions<OfflineOptions> options,
    IOptions<ChatOptions> chat,
    IChatPush push,
    TimeProvider clock,
    ILogger<OfflineMessagesGrain> logger) : Grain, IOfflineMessagesGrain
{
    private List<OfflineMessage> Open => state.State.Open;

    public async Task<OfflineMessage> Leave(Caller user, QuestionForm form, string userAgent)
    {
        var details = QuestionRules.ToDetails(form, userAgent, chat.Value); // the same rules as a live question
        if (Open.Count(m => m.UserId == user.UserId) >= options.Value.MaxPerUser)
        {
            throw new ChatException(ChatError.Capacity,
                $"You already left {options.Value.MaxPerUser} messages; a helper will answer them. You can withdraw one to leave another.");
        }

        if (Open.Count >= options.Value.MaxOpenMessages)
        {
            throw new ChatException(ChatError.Capacity, "We cannot take more messages right now. Please try again later.");
        }

        var message = new OfflineMessage(Guid.NewGuid().ToString("N"), user.UserId,
            new QuestionForm(details.Question, details.Nickname, details.AddOns, details.BrowserVersion, details.OsVersion, details.SearchedKnowledgeBase),
            details.UserAgent, clock.GetUtcNow());
        Open.Add(message);
        await SaveAsync();
        return message;
    }

    public async Task Withdraw(Caller user, string messageId)
    {
        var index = Open.FindIndex(m => m.Id == messageId && m.UserId == user.UserId);
        if (index < 0)
        {
            throw new ChatException(ChatError.NotFound, "That message is not waiting any more: a helper may have opened a chat from it.");
        }

        Open.RemoveAt(index);
        await SaveAsync();
    }

    public Task<ImmutableArray<OfflineMessage>> GetMine(string userId) => Task.FromResult(Open.Where(m => m.UserId == userId).ToImmutableArray());

    public Task<ImmutableArray<OfflineMessage>> GetOpen() => Task.FromResult(Open.ToImmutableArray());

    public async Task<OfflineMessage> Take(string messageId)
    {
        var index = Open.FindIndex(m => m.Id == messageId);
        if (index < 0)
        {
            throw new ChatException(ChatError.Conflict, "That message was already handled by someone else or withdrawn.");
        }

        var message = Open[index];
        if (!await GrainFactory.GetGrain<IPresenceGrain>("global").IsOnline(message.UserId))
        {
            throw new ChatException(ChatError.Conflict, "The user is not online; open the chat when they are back.");
        }

        Open.RemoveAt(index);
        await SaveAsync();
        return message;
    }

    public async Task PutBack(OfflineMessage message)
    {
        if (Open.All(m => m.Id != message.Id))
        {
            Open.Insert(0, message);
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await state.WriteOrRestoreAsync(logger); // a row the store lost is stored again from here
        }
        catch
        {
            DeactivateOnIdle(); // what is in memory was not stored: the next call starts again from the stored row
            throw;
        }

        push.OfflineMessagesChanged();
    }
}
