using System.Reflection;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.SignalR.Authorization;
using OrleansChat.Web.Hubs;
using Xunit.Abstractions;

namespace OrleansChat.Tests.SignalR;

/// <summary>
/// Every public method of <see cref="ChatHub"/>, found by reflection, called with generated arguments by six callers
/// (anonymous, user, other user, helper outside and inside the room, monitor) on three rooms (own, foreign, missing)
/// of the real system. No call may succeed where its declared rule and the caller's place in the room say no, and
/// none may be refused where they say yes, so docs/authorization-matrix.md (rewritten with UPDATE_DOCS=1) is the truth.
/// </summary>
public sealed class AuthorizationMatrixTests(SystemFixture system, ITestOutputHelper output) : IClassFixture<SystemFixture>
{
    /// <summary>Methods that need their rooms in another state than active to do their work.</summary>
    private static readonly Dictionary<string, RoomStage> Stages = new()
    {
        ["GetQueuePosition"] = RoomStage.Queued,
        ["LeaveQueue"] = RoomStage.Queued,
        ["AcceptOffer"] = RoomStage.Queued,
        ["DeclineOffer"] = RoomStage.Queued,
        ["GetWaitingDetails"] = RoomStage.Queued,
        ["ContinueChat"] = RoomStage.Ended,
        ["AcceptTransfer"] = RoomStage.TransferOffered,
        ["DeclineTransfer"] = RoomStage.TransferOffered,
    };

    [Fact]
    public async Task NoCallSucceedsWhereTheDeclaredRuleSaysNoAndNoneIsRefusedWhereItSaysYes()
    {
        var methods = HubSurface.Methods();
        Assert.All(methods, m => Assert.NotNull(ChatHubFilter.RuleOf(m)));
        await using var world = await MatrixWorld.StartAsync(system);
        Assert.False(world.AnonymousConnected, "the hub accepted a connection without a cookie");

        var cells = new List<MatrixCell>();
        foreach (var method in methods)
        {
            cells.AddRange(await RunAsync(world, method));
        }

        output.WriteLine(MatrixTable.Outcomes(cells));
        var violations = cells.Where(c => c.Violation is not null).Select(c => $"{c}: {c.Violation}").ToList();
        var markdown = MatrixTable.Markdown(methods, cells, StageOf);
        output.WriteLine(markdown);
        var path = Path.Combine(RepoPaths.Root, MatrixTable.DocumentPath);
        if (violations.Count == 0 && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, markdown);
        }

        Assert.True(violations.Count == 0, $"{violations.Count} calls broke the declared rules:\n" + string.Join('\n', violations));
        Assert.True(File.Exists(path) && (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") == markdown.ReplaceLineEndings("\n"),
            $"{MatrixTable.DocumentPath} is stale: rewrite it with UPDATE_DOCS=1 (the new table is in this test's output).");
    }

    private static RoomStage? StageOf(MethodInfo method) =>
        method.GetParameters().Any(p => p.Name == "roomId") ? Stages.GetValueOrDefault(method.Name, RoomStage.Active) : null;

    /// <summary>The method as each caller: on fresh rooms in the method's stage when it names a room, else once.</summary>
    private static async Task<List<MatrixCell>> RunAsync(MatrixWorld world, MethodInfo method)
    {
        var rule = ChatHubFilter.RuleOf(method)!;
        var stage = StageOf(method);
        var cells = new List<MatrixCell>();
        foreach (var person in Enum.GetValues<MatrixPerson>())
        {
            if (person == MatrixPerson.Anonymous && !world.AnonymousConnected)
            {
                // The connection was refused: so is every call, on every room.
                IEnumerable<MatrixTarget?> targets = stage is null ? [null] : Enum.GetValues<MatrixTarget>().Select(t => (MatrixTarget?)t);
                cells.AddRange(targets.Select(t => new MatrixCell(method.Name, person, t, Allowed: false, MatrixWorld.NoConnection)));
                continue;
            }

            if (method.GetParameters().Any(p => p.Name == "name"))
            {
                await world.EnsureWorkgroupAsync();
            }

            if (stage is not { } roomStage)
            {
                var outcome = await world.CallAsync(person, method, world.ArgumentsFor(method, roomId: null));
                cells.Add(new MatrixCell(method.Name, person, null, MatrixExpectation.Allows(rule, person, namesRoom: false, null), outcome));
            }
            else
            {
                var rooms = await world.RoomsAsync(roomStage);
                foreach (var (target, roomId) in rooms.OrderBy(r => r.Key))
                {
                    var outcome = await world.CallAsync(person, method, world.ArgumentsFor(method, roomId));
                    var allowed = MatrixExpectation.Allows(rule, person, namesRoom: true, MatrixExpectation.RelationOf(person, target, roomStage));
                    cells.Add(new MatrixCell(method.Name, person, target, allowed, outcome));
                }
            }

            await world.EndOpenChatsAsync();
        }

        return cells;
    }
}
