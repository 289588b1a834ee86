namespace OrleansChat.Grains.State;

/// <summary>The registered frontends' observers, stored only when one joins or leaves (renewals stay in memory).</summary>
[GenerateSerializer, Alias("OrleansChat.FrontendDirectoryState")]
public sealed class FrontendDirectoryState
{
    [Id(0)] public Dictionary<string, IFrontendObserver> Frontends { get; set; } = [];
}
