using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>
/// The people of the authorization matrix, each with a real SignalR connection to the real frontend (the anonymous one
/// without a cookie), and the rooms they are called on, made through the grains before each method and ended after it.
/// </summary>
internal sealed class MatrixWorld : IAsyncDisposable
{
    public const string NoConnection = "no-connection";
    public const string Succeeded = "ok";
    private const string Password = "matrix-password-1";
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(20);

    private readonly SystemFixture _system;
    private readonly Dictionary<MatrixPerson, (Caller Caller, ChatClient Client)> _people;
    private readonly HubConnection? _anonymous;
    private readonly Caller _stranger = new($"mst{Guid.NewGuid():N}"[..16], "Stranger", AccountRole.User);
    private readonly Caller _strangerHelper = new($"msh{Guid.NewGuid():N}"[..16], "Other helper", AccountRole.User | AccountRole.Helper);
    private readonly string _workgroup = $"mwg{Guid.NewGuid():N}"[..12];
    private readonly string _roleTarget;

    private MatrixWorld(SystemFixture system, Dictionary<MatrixPerson, (Caller, ChatClient)> people, HubConnection? anonymous, string roleTarget)
    {
        _system = system;
        _people = people;
        _anonymous = anonymous;
        _roleTarget = roleTarget;
    }

    private IClusterClient Cluster => _system.Client;

    public static async Task<MatrixWorld> StartAsync(SystemFixture system)
    {
        var people = new Dictionary<MatrixPerson, (Caller, ChatClient)>
        {
            [MatrixPerson.User] = await RegisterAsync(system, "mus"),
            [MatrixPerson.OtherUser] = await RegisterAsync(system, "mot"),
            [MatrixPerson.HelperOutside] = await StaffAsync(system, "mho", AccountRole.Helper),
            [MatrixPerson.HelperInside] = await StaffAsync(system, "mhi", AccountRole.Helper),
            [MatrixPerson.Monitor] = await StaffAsync(system, "mmo", AccountRole.Helper | AccountRole.Monitor),
        };
        var world = new MatrixWorld(system, people, await TryConnectAnonymouslyAsync(system.Url),
            await system.CreateAccountAsync("mta", AccountRole.User, Password));

        foreach (var helper in new[] { MatrixPerson.HelperOutside, MatrixPerson.HelperInside })
        {
            await world.ClientOf(helper).Hub.InvokeAsync<HelperStatus>("SetAvailability", true, 10);
        }

        await system.Client.GetGrain<IHelperGrain>(world._strangerHelper.UserId).SetAvailability(true, 10);
        await world.ClientOf(MatrixPerson.User).WaitForServiceStatusAsync(ServiceStatus.Open);
        return world;
    }

    public bool AnonymousConnected => _anonymous is not null;

    /// <summary>A fresh own room and foreign room in <paramref name="stage"/>, and a room id nobody has.</summary>
    public async Task<Dictionary<MatrixTarget, string>> RoomsAsync(RoomStage stage)
    {
        var own = await RoomAsync(CallerOf(MatrixPerson.User), CallerOf(MatrixPerson.HelperInside), stage);
        var foreign = await RoomAsync(_stranger, _strangerHelper, stage);
        if (stage is RoomStage.Active or RoomStage.TransferOffered)
        {
            await WaitUntilOpenAsync(CallerOf(MatrixPerson.HelperInside), own);
        }

        if (stage == RoomStage.TransferOffered)
        {
            await Cluster.GetGrain<IChatRoomGrain>(own).OfferTransfer(CallerOf(MatrixPerson.HelperInside), CallerOf(MatrixPerson.HelperOutside).UserId);
        }

        return new()
        {
            [MatrixTarget.OwnRoom] = own,
            [MatrixTarget.ForeignRoom] = foreign,
            [MatrixTarget.MissingRoom] = Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>The workgroup InviteWorkgroup names (DeleteWorkgroup may have removed it): the helper outside is its member.</summary>
    public Task EnsureWorkgroupAsync() =>
        Cluster.GetGrain<IWorkgroupGrain>(_workgroup).Save([CallerOf(MatrixPerson.HelperOutside).UserId]);

    /// <summary>Ends every chat any of the people asked and has open, so each method starts from the same place.</summary>
    public async Task EndOpenChatsAsync()
    {
        foreach (var person in _people.Values.Select(p => p.Caller).Append(_stranger))
        {
            var workspace = await Cluster.GetGrain<IUserSessionGrain>(person.UserId).GetWorkspace(0);
            foreach (var open in workspace.OpenRooms.Where(r => r.Room.OwnerId == person.UserId))
            {
                await Cluster.GetGrain<IChatRoomGrain>(open.Room.RoomId).End(person);
            }
        }
    }

    /// <summary>Arguments a page could send: the target room, and for the rest what the method needs to do its work.</summary>
    public object?[] ArgumentsFor(MethodInfo method, string? roomId) =>
        [.. method.GetParameters().Select(p => ArgumentFor(method, p, roomId))];

    /// <summary>"ok" when the call succeeded, the error code when the hub refused it, or "no-connection" for the anonymous caller.</summary>
    public async Task<string> CallAsync(MatrixPerson person, MethodInfo method, object?[] arguments)
    {
        var hub = person == MatrixPerson.Anonymous ? _anonymous : ClientOf(person).Hub;
        if (hub is null)
        {
            return NoConnection;
        }

        using var deadline = new CancellationTokenSource(CallDeadline);
        try
        {
            await hub.InvokeCoreAsync(method.Name, typeof(object), arguments, deadline.Token);
            return Succeeded;
        }
        catch (HubException ex)
        {
            return HubErrors.CodeOf(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_anonymous is not null)
        {
            await _anonymous.DisposeAsync();
        }

        foreach (var (_, client) in _people.Values)
        {
            await client.DisposeAsync();
        }
    }

    private Caller CallerOf(MatrixPerson person) => _people[person].Caller;

    private ChatClient ClientOf(MatrixPerson person) => _people[person].Client;

    private object? ArgumentFor(MethodInfo method, ParameterInfo parameter, string? roomId)
    {
        var type = parameter.ParameterType;
        return parameter.Name switch
        {
            "roomId" when type == typeof(string) => roomId,
            "clientMessageId" when type == typeof(Guid) => Guid.NewGuid(),
            "text" or "draft" when type == typeof(string) => "Hello from the authorization matrix",
            "afterSeq" or "seq" when type == typeof(long) => 1L,
            "beforeSeq" when type == typeof(long) => 100L,
            "skip" when type == typeof(int) => 0,
            "capacity" when type == typeof(int) => 10,
            "available" when type == typeof(bool) => true,
            "form" when type == typeof(QuestionForm) => Scenario.Form("Matrix question", "Mat"),
            "helperIds" or "members" when type == typeof(string[]) => new[] { CallerOf(MatrixPerson.HelperOutside).UserId },
            "name" when type == typeof(string) => _workgroup,
            "helperId" when type == typeof(string) => CallerOf(MatrixPerson.HelperOutside).UserId,
            "userName" when type == typeof(string) => method.Name == "CreateStaffAccount" ? $"mnew{Guid.NewGuid():N}"[..16] : _roleTarget,
            "password" when type == typeof(string) => Password,
            "displayName" when type == typeof(string) => "New staff",
            "roles" when type == typeof(AccountRole) => AccountRole.Helper,
            "response" when type == typeof(CannedResponse) => new CannedResponse("General", "matrix", "Matrix", "Hello from the matrix."),
            "shortcut" when type == typeof(string) => "matrix",
            "action" or "actor" or "before" when type == typeof(string) => null,
            "stars" when type == typeof(int) => 5,
            "comment" when type == typeof(string) => "Matrix rating",
            "days" when type == typeof(int) => 7,
            "query" when type == typeof(ArchiveQuery) => new ArchiveQuery(Words: "matrix"),
            "messageId" when type == typeof(string) => "no-such-offline-message",
            _ => throw new InvalidOperationException(
                $"The authorization matrix has no argument for {method.Name}({type.Name} {parameter.Name}): add one to {nameof(MatrixWorld)}."),
        };
    }

    private async Task<string> RoomAsync(Caller owner, Caller helper, RoomStage stage)
    {
        var roomId = Guid.NewGuid().ToString("N");
        var room = Cluster.GetGrain<IChatRoomGrain>(roomId);
        await room.Ask(owner, Scenario.Form("Matrix room", "Mo"), "MatrixTest/1.0");
        if (stage == RoomStage.Queued)
        {
            return roomId;
        }

        await Cluster.GetGrain<IQueueGrain>(ChatStreams.DefaultQueue).Accept(roomId, helper.UserId, helper.DisplayName);
        if (stage == RoomStage.Ended)
        {
            await room.End(owner);
        }

        return roomId;
    }

    /// <summary>The room tells the helper's workspace after the accept returns; calls on the workspace wait for it.</summary>
    private async Task WaitUntilOpenAsync(Caller person, string roomId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var session = Cluster.GetGrain<IUserSessionGrain>(person.UserId);
        while (!(await session.GetWorkspace(0)).OpenRooms.Any(r => r.Room.RoomId == roomId))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private static async Task<(Caller, ChatClient)> RegisterAsync(SystemFixture system, string prefix)
    {
        var userName = $"{prefix}{Guid.NewGuid():N}"[..16];
        var client = await ChatClient.RegisterAsync(system.Url, userName, Password);
        return (new Caller(userName, userName, AccountRole.User), client);
    }

    private static async Task<(Caller, ChatClient)> StaffAsync(SystemFixture system, string prefix, AccountRole roles)
    {
        var userName = await system.CreateAccountAsync(prefix, roles, Password);
        var client = await ChatClient.LoginAsync(system.Url, userName, Password);
        return (new Caller(userName, prefix, roles | AccountRole.User), client);
    }

    private static async Task<HubConnection?> TryConnectAnonymouslyAsync(Uri url)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(url, "/hub/chat")).Build();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await connection.StartAsync(deadline.Token);
            return connection;
        }
        catch (HttpRequestException)
        {
            await connection.DisposeAsync();
            return null;
        }
    }
}
