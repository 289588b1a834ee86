namespace OrleansChat.Tests.Infrastructure;

/// <summary>The account tests share one <see cref="AccountClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AccountCollection : ICollectionFixture<AccountClusterFixture>
{
    public const string Name = "accounts";
}
