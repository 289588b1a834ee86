namespace OrleansChat.LoadTest.Archive;

/// <summary>One article of the bundled knowledge base (WebFrontend/Knowledge/knowledge-base.json), for realistic chat text.</summary>
internal sealed record Article(string Title, string Summary, string Url);
