namespace OrleansChat;

/// <summary>Roles held in the single auth store. A person may hold several.</summary>
[Flags]
[GenerateSerializer]
public enum AccountRole
{
    None = 0,
    User = 1,
    Helper = 2,
    Monitor = 4,
}
