using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansChat.Web.Options;

namespace OrleansChat.Web.Sessions;

/// <summary>
/// This frontend's answers of <see cref="IAccountGrain.CheckSession"/>, so a page's requests do not each cost a grain call.
/// An answer is used for at most <see cref="FrontendOptions.SessionRecheck"/>; an account-changed push forgets that
/// person's answers at once (the recheck period is only the safety net for a lost push).
/// </summary>
internal sealed class SessionCache(IClusterClient orleans, IOptions<FrontendOptions> options, TimeProvider clock)
{
    private const int SweepAtLeast = 1_024;
    private readonly ConcurrentDictionary<(string UserId, string SessionId), CachedCheck> _checks = new();
    private int _sweepAt = SweepAtLeast;

    /// <summary>The account as the session allows now, or null when the session ended. Throws when the cluster does not answer.</summary>
    public async Task<AccountInfo?> CheckAsync(string userId, string sessionId)
    {
        var key = (userId, sessionId);
        var now = clock.GetUtcNow();
        if (!_checks.TryGetValue(key, out var check) || now - check.At >= options.Value.SessionRecheck)
        {
            check = new CachedCheck(orleans.GetGrain<IAccountGrain>(userId).CheckSession(sessionId), now);
            _checks[key] = check;
            SweepIfLarge(now);
        }

        try
        {
            return await check.Result;
        }
        catch
        {
            _checks.TryRemove(new KeyValuePair<(string, string), CachedCheck>(key, check));
            throw;
        }
    }

    /// <summary>The account changed: its sessions are asked again next time.</summary>
    public void Forget(string userId)
    {
        foreach (var key in _checks.Keys)
        {
            if (key.UserId == userId)
            {
                _checks.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Every answer is asked again next time (this frontend may have missed pushes, e.g. before it was registered for them).</summary>
    public void Clear() => _checks.Clear();

    /// <summary>Keeps the cache to the sessions in use: past a size, answers too old to be used are dropped.</summary>
    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_checks.Count < Volatile.Read(ref _sweepAt))
        {
            return;
        }

        foreach (var (key, check) in _checks)
        {
            if (now - check.At >= options.Value.SessionRecheck)
            {
                _checks.TryRemove(new KeyValuePair<(string, string), CachedCheck>(key, check));
            }
        }

        Volatile.Write(ref _sweepAt, Math.Max(SweepAtLeast, _checks.Count * 2));
    }
}
