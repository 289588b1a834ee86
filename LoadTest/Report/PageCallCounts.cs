namespace OrleansChat.LoadTest.Report;

/// <summary>The calls the clients made as pages do, besides sending (Clients/PageHabits.cs), over the whole step incl. warm-up.</summary>
internal sealed record PageCallCounts(
    long MarkRead,
    long MarkReadFailed,
    long SaveDraft,
    long SaveDraftFailed,
    double MarkReadPerAckedMessage,
    double SaveDraftPerAckedMessage,
    List<string> ErrorSamples);
