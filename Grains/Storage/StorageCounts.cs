namespace OrleansChat.Grains.Storage;

/// <summary>Storage requests of one process since it started (see <see cref="StorageMeter"/>).</summary>
/// <param name="Reads">GET and HEAD requests.</param>
/// <param name="Writes">Every other request; a <c>$batch</c> counts once.</param>
/// <param name="BatchOperations">Sub-operations of all <c>$batch</c> requests.</param>
/// <param name="Failed">Requests that threw, or were answered with a status ≥ 400 other than 404 (no such row) and 409 (already exists).</param>
public readonly record struct StorageCounts(long Reads, long Writes, long BatchOperations, long Failed);
