namespace OrleansChat.Tests.Browser;

/// <summary>The browser test classes share one system and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
