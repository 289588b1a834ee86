namespace OrleansChat.Grains.State;

[GenerateSerializer, Alias("OrleansChat.CannedResponsesState")]
public sealed class CannedResponsesState
{
    [Id(0)] public List<CannedResponse> Responses { get; set; } = [];
}
