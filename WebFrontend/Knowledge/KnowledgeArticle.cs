namespace OrleansChat.Web.Knowledge;

/// <summary>One knowledge-base article as the pages show it: a title, a plain-text summary and its link.</summary>
public sealed record KnowledgeArticle(string Title, string Summary, string Url);
