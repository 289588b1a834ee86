namespace OrleansChat.Web.Relay;

/// <summary>This frontend process's id: how rooms, the frontend directory and presence know it. New on every start.</summary>
internal sealed class FrontendIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
