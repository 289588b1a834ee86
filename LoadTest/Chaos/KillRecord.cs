namespace OrleansChat.LoadTest.Chaos;

/// <summary>One kill: what, when (UTC), and how long until the restarted process served again.</summary>
internal sealed record KillRecord(ChaosKind Kind, int Index, DateTime KilledAt, double DownSeconds);
