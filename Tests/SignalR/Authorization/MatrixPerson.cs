namespace OrleansChat.Tests.SignalR.Authorization;

/// <summary>The six callers of the authorization matrix.</summary>
internal enum MatrixPerson
{
    /// <summary>No cookie: the hub refuses the connection itself.</summary>
    Anonymous,

    /// <summary>The user who asked the question of the own room.</summary>
    User,

    /// <summary>Another signed-in user.</summary>
    OtherUser,

    /// <summary>A helper who is not in the room.</summary>
    HelperOutside,

    /// <summary>The helper who took the own room.</summary>
    HelperInside,

    /// <summary>A monitor who has not joined the room.</summary>
    Monitor,
}
