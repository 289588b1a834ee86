namespace OrleansChat.LoadTest.Report;

/// <summary>
/// The silo's storage requests during a measured window (counted by Grains/Storage/StorageMeter.cs), and per message: every
/// write is a row the storage has to process, which bounds the chat's throughput (docs/PERFORMANCE.md, bottleneck 1).
/// </summary>
/// <param name="Reads">GET requests.</param>
/// <param name="Writes">Every other request; a <c>$batch</c> counts once.</param>
/// <param name="BatchOperations">Sub-operations of the <c>$batch</c> requests.</param>
/// <param name="Failed">Requests that threw or failed (404 and 409 excluded).</param>
internal sealed record StorageTraffic(
    long Reads,
    long Writes,
    long BatchOperations,
    long Failed,
    double WritesPerSecond,
    double WritesPerAckedMessage,
    double WritesPerDeliveredMessage,
    double ReadsPerAckedMessage);
