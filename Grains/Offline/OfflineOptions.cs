namespace OrleansChat.Grains.Offline;

/// <summary>Offline messages (left while live chat is closed), section "Offline".</summary>
public sealed class OfflineOptions
{
    public const string SectionName = "Offline";

    /// <summary>Open offline messages in all; a new one beyond it is refused with a clear error until staff handle some.</summary>
    public int MaxOpenMessages { get; set; } = 100;

    /// <summary>Open offline messages of one user.</summary>
    public int MaxPerUser { get; set; } = 2;
}
