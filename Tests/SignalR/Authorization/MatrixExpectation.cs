using OrleansChat.Web.Hubs;

namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>
/// What the declared rule says a caller may do, worked out from the scenario (who is in which room) independently of
/// the code that enforces it: the filter's role check and the grains' room checks are what the run puts to the test.
/// </summary>
internal static class MatrixExpectation
{
    /// <summary>Where <paramref name="person"/> stands towards a room of <paramref name="target"/> in <paramref name="stage"/>; null for the missing room.</summary>
    public static RoomRelation? RelationOf(MatrixPerson person, MatrixTarget target, RoomStage stage) => target switch
    {
        MatrixTarget.MissingRoom => null,
        MatrixTarget.ForeignRoom => RoomRelation.Stranger,
        _ => (person, stage) switch
        {
            (MatrixPerson.User, RoomStage.Ended) => RoomRelation.FormerOwner,
            (MatrixPerson.User, _) => RoomRelation.Owner,
            (MatrixPerson.HelperInside, RoomStage.Active or RoomStage.TransferOffered) => RoomRelation.Staff,
            (MatrixPerson.HelperOutside, RoomStage.TransferOffered) => RoomRelation.TransferTarget,
            (MatrixPerson.HelperInside, RoomStage.Ended) => RoomRelation.FormerStaff,
            _ => RoomRelation.Stranger,
        },
    };

    /// <summary>True when the rule lets the person make the call; <paramref name="relation"/> is null for the missing room.</summary>
    public static bool Allows(HubRuleAttribute rule, MatrixPerson person, bool namesRoom, RoomRelation? relation)
    {
        if (!HoldsRole(rule.Role, person))
        {
            return false;
        }

        if (rule.Room == RoomRule.None)
        {
            return true;
        }

        if (!namesRoom)
        {
            throw new InvalidOperationException($"Room rule {rule.Room} on a method that names no room.");
        }

        return relation is { } r && rule.Room switch
        {
            RoomRule.Reader => r != RoomRelation.Stranger || person == MatrixPerson.Monitor,
            RoomRule.Participant or RoomRule.Workspace => r is RoomRelation.Owner or RoomRelation.Staff,
            RoomRule.Staff => r == RoomRelation.Staff,
            RoomRule.Guest => false, // the matrix's staff is the room's own helper; invited staff: RoomAuthorizationTests

            RoomRule.Owner => r is RoomRelation.Owner or RoomRelation.FormerOwner,
            RoomRule.Invited => r == RoomRelation.Staff || person == MatrixPerson.Monitor,
            RoomRule.Queue => true,
            RoomRule.TransferTarget => r == RoomRelation.TransferTarget,
            _ => throw new InvalidOperationException($"The matrix does not know room rule {rule.Room}: teach it."),
        };
    }

    private static bool HoldsRole(HubRole role, MatrixPerson person) => person != MatrixPerson.Anonymous && role switch
    {
        HubRole.User => true,
        HubRole.Helper => person is MatrixPerson.HelperOutside or MatrixPerson.HelperInside or MatrixPerson.Monitor,
        HubRole.Monitor => person == MatrixPerson.Monitor,
        _ => throw new InvalidOperationException($"The matrix does not know role {role}: teach it."),
    };
}
