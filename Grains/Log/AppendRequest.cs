using Azure.Data.Tables;

namespace OrleansChat.Grains.Log;

/// <summary>The rows of one room's commit, waiting for the partition writer; completed when they are stored.</summary>
internal sealed class AppendRequest(List<TableEntity> rows)
{
    public List<TableEntity> Rows { get; } = rows;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
