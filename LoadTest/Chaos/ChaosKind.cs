namespace OrleansChat.LoadTest.Chaos;

/// <summary>What a scheduled kill hits.</summary>
internal enum ChaosKind
{
    Silo,
    Frontend,
    Azurite,
}
