namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>Where a caller stands towards a room, as the matrix scenario set it up.</summary>
internal enum RoomRelation
{
    Stranger,

    /// <summary>Asked the question and is in the room.</summary>
    Owner,

    /// <summary>In the room as its helper.</summary>
    Staff,

    /// <summary>Asked the question of a chat that has ended.</summary>
    FormerOwner,

    /// <summary>Was the helper of a chat that has ended.</summary>
    FormerStaff,

    /// <summary>Not in the room, but its helper offered to transfer it to them.</summary>
    TransferTarget,
}
