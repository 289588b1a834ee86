namespace OrleansChat.Grains.Options;

/// <summary>The support-desk features inside a conversation (typing, transfer), bound from configuration section "Desk".</summary>
public sealed class DeskOptions
{
    public const string SectionName = "Desk";

    /// <summary>A person's typing reaches the others at most this often (further calls inside the period push nothing).</summary>
    public TimeSpan TypingThrottle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A typing indicator disappears by itself this long after the last typing push it got.</summary>
    public TimeSpan TypingExpiry { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long the target of a transfer has to accept it before the chat stays with the helper who offered it.</summary>
    public TimeSpan TransferOfferTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
