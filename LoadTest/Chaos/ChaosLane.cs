using System.Text.Json;

namespace OrleansChat.LoadTest.Chaos;

/// <summary>
/// One room at a time, over and over: the user asks a question, waits for a helper to accept it, user and helper take turns
/// writing <see cref="ChaosOptions.MessagesPerChat"/> messages, and once every one is acknowledged the user ends the chat and asks
/// again. When the chaos phase ends the lane stops sending; a room it still holds stays open (the helper-slot check needs some).
/// </summary>
internal sealed class ChaosLane(int index, ChaosPerson user, HelperDesk desk, ChaosJournal journal, ChaosOptions options)
{
    private static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);
    private volatile string? _chatting;

    /// <summary>The room this lane is writing in right now (silo kills wait for its next push).</summary>
    public string? Chatting => _chatting;

    public int Chats { get; private set; }

    public async Task RunAsync(CancellationToken stopAsking, CancellationToken abort)
    {
        while (!stopAsking.IsCancellationRequested)
        {
            if (await AskAsync(stopAsking) is not { } roomId)
            {
                return;
            }

            var helper = await desk.AcceptedAsync(roomId).WaitAsync(abort);
            _chatting = roomId;
            try
            {
                for (var n = 0; n < options.MessagesPerChat && !stopAsking.IsCancellationRequested; n++)
                {
                    var sender = n % 2 == 0 ? user : helper;
                    sender.Send(roomId, $"lane {index} chat {Chats} message {n} from {sender.UserName}");
                    await Task.Delay(options.MessageIntervalMs, abort);
                }
            }
            finally
            {
                _chatting = null;
            }

            while (user.PendingIn(roomId) + helper.PendingIn(roomId) > 0)
            {
                await Task.Delay(200, abort);
            }

            if (stopAsking.IsCancellationRequested)
            {
                return;
            }

            await EndAsync(roomId, abort);
            journal.Room(roomId).End();
            Chats++;
        }
    }

    /// <summary>
    /// AskQuestion until a room exists, with one ask id for every attempt (as the page does), so a lost answer opens the same
    /// room when asked again; the user's workspace shows it too.
    /// </summary>
    private async Task<string?> AskAsync(CancellationToken stop)
    {
        var askId = Guid.NewGuid();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var form = new QuestionForm($"Chaos lane {index}, chat {Chats}: does my chat survive a crash?", $"guest{index}", null, "Firefox 140", "Linux", true, askId);
                var room = await user.InvokeAsync<RoomSnapshot>("AskQuestion", [form], ConnectWait, stop);
                return Asked(room);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // Closed (the helpers' presence is not back yet), unavailable, or the answer was lost.
            }

            try
            {
                var view = await user.InvokeAsync<JsonElement>("GetWorkspace", [], ConnectWait, stop);
                if (WorkspaceTabs.OpenRooms(view).FirstOrDefault(r => r.Status is RoomStatus.Queued or RoomStatus.Active && !journal.Room(r.RoomId).Ended) is { } asked)
                {
                    return Asked(asked);
                }

                await Task.Delay(1000, stop);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                await Task.Delay(1000, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    private string Asked(RoomSnapshot room)
    {
        journal.Opened(room.RoomId, index);
        user.Open(room.RoomId, room.Tail.IsDefault ? [] : room.Tail);
        return room.RoomId;
    }

    /// <summary>
    /// EndChat until the room says it ended (ending an ended chat is answered as done). A chat the store lost (Azurite lost
    /// its row) is done too, when the user's workspace says so; the audit counts it as reported.
    /// </summary>
    private async Task EndAsync(string roomId, CancellationToken abort)
    {
        while (true)
        {
            try
            {
                await user.InvokeAsync<object>("EndChat", [roomId], ConnectWait, abort);
                return;
            }
            catch (Exception ex) when (!abort.IsCancellationRequested && ChaosPerson.RefusalCode(ex) is null)
            {
                await Task.Delay(1000, abort);
            }
            catch (Exception ex) when (ChaosPerson.RefusalCode(ex) == ChatError.NotFound)
            {
                if (await user.WorkspaceReportsLostAsync(roomId, ConnectWait, abort))
                {
                    return;
                }

                throw;
            }
        }
    }
}
