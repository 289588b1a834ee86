namespace OrleansChat.Grains.State;

/// <summary>Where archived messages <see cref="FirstSeq"/>..<see cref="LastSeq"/> of a room are stored.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.SegmentInfo")]
public sealed record SegmentInfo(
    [property: Id(0)] int Number,
    [property: Id(1)] long FirstSeq,
    [property: Id(2)] long LastSeq);
