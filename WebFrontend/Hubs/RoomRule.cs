namespace OrleansChat.Web.Hubs;

/// <summary>
/// What a hub method asks of the caller's place in the room it names. Declared beside <see cref="HubRole"/> so the rule
/// table is complete in one place, but enforced where the truth is: by the grain that owns the room (or the queue, or
/// the person's workspace), on every call. A room that does not exist refuses every rule but <see cref="None"/>.
/// </summary>
internal enum RoomRule
{
    /// <summary>No room is named (or the call touches only the caller's own connection).</summary>
    None,

    /// <summary>
    /// Read the transcript: anyone who is or was in the room, a helper invited to it, or any monitor
    /// (ChatRoomGrain <c>RequireReader</c>).
    /// </summary>
    Reader,

    /// <summary>Act in the room: present in it now (ChatRoomGrain <c>RequirePresent</c>).</summary>
    Participant,

    /// <summary>Present in the room as its helper or as a monitor who joined (ChatRoomGrain <c>RequireStaff</c>).</summary>
    Staff,

    /// <summary>
    /// Present as staff who is not the chat's own helper: a helper invited into it or a monitor who joined
    /// (ChatRoomGrain <c>Leave</c>).
    /// </summary>
    Guest,

    /// <summary>The person who asked the question (ChatRoomGrain <c>RequireOwner</c>).</summary>
    Owner,

    /// <summary>Enter the room: a helper invited to it, or any monitor; recorded in the log (ChatRoomGrain <c>Join</c>).</summary>
    Invited,

    /// <summary>
    /// The waiting line, not the room: any helper may take any waiting chat, and decline one offered to them
    /// (QueueGrain <c>Accept</c> / <c>Decline</c>, which refuse a chat that is not waiting).
    /// </summary>
    Queue,

    /// <summary>The caller's own workspace entry for the room: refused unless the room is open there (UserSessionGrain).</summary>
    Workspace,

    /// <summary>The helper a transfer of the room is offered to, while the offer is out (ChatRoomGrain <c>RequireOfferTo</c>).</summary>
    TransferTarget,
}
