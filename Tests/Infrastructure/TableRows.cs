using Azure.Data.Tables;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>Reads what Orleans stored in Azure Table, to check no row nears the 1 MB entity limit.</summary>
public static class TableRows
{
    public static async Task<long> LargestRowBytesAsync(string connectionString, string serviceId)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("OrleansGrainState");
        long largest = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            if (!entity.PartitionKey.StartsWith(serviceId, StringComparison.Ordinal))
            {
                continue;
            }

            long size = 0;
            foreach (var (key, value) in entity)
            {
                size += key.Length * 2 + value switch
                {
                    byte[] bytes => bytes.Length,
                    string text => text.Length * 2,
                    BinaryData data => data.ToMemory().Length,
                    _ => 8,
                };
            }

            largest = Math.Max(largest, size);
        }

        return largest;
    }
}
