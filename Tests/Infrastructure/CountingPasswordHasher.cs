using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.State;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>The real PBKDF2 hasher (cheaper settings), counting its calls: tests see which paths did the hashing work.</summary>
public sealed class CountingPasswordHasher() : PasswordHasher<AccountState>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }))
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public override PasswordVerificationResult VerifyHashedPassword(AccountState user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
