namespace OrleansChat;

/// <summary>The part a person plays in one chat room.</summary>
[GenerateSerializer]
public enum ParticipantRole
{
    User = 0,
    Helper = 1,
    Monitor = 2,
}
