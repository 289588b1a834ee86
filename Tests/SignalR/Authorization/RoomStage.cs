namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>The state the own and foreign rooms are put in before a room method is called on them.</summary>
internal enum RoomStage
{
    /// <summary>Asked and waiting: only the person who asked is in it.</summary>
    Queued,

    /// <summary>Taken by a helper: the person who asked and the helper are in it.</summary>
    Active,

    /// <summary>Taken and then ended by the person who asked: both were in it, nobody acts in it.</summary>
    Ended,

    /// <summary>Active, and its helper offered it to the helper outside, who has not answered yet.</summary>
    TransferOffered,
}
