namespace OrleansChat.Tests.Load;

/// <summary>Load tests measure the machine: they run alone, never beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "load";
}
