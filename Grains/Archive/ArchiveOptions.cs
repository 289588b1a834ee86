namespace OrleansChat.Grains.Archive;

/// <summary>The archive index and its search, section "Archive".</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    public string TableName { get; set; } = "ChatArchive";

    /// <summary>The newest messages of an ended chat whose words are indexed (the question always is).</summary>
    public int MaxIndexedMessages { get; set; } = 2_000;

    /// <summary>Characters of distinct words kept per chat (one table property holds at most 32,000).</summary>
    public int MaxWordChars { get; set; } = 16_000;

    /// <summary>Characters of the words a search may give, and of its user and helper filters.</summary>
    public int MaxQueryLength { get; set; } = 200;

    /// <summary>Words one search may give.</summary>
    public int MaxQueryWords { get; set; } = 10;

    /// <summary>Results one page may hold.</summary>
    public int MaxPageSize { get; set; } = 50;
}
