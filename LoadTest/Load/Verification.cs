namespace OrleansChat.LoadTest.Load;

/// <summary>
/// Per room and recipient: every acknowledged seq must have been pushed once. <see cref="NotPushed"/>:
/// missing from the pushes; <see cref="Lost"/>: still missing after catching up with GetSince, as a page does.
/// </summary>
internal sealed record Verification(long ExpectedDeliveries, long NotPushed, long Lost, long Duplicates, long CaughtUp);
