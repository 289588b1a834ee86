using Azure.Core;
using Azure.Core.Pipeline;

namespace OrleansChat.Grains.Storage;

/// <summary>The pipeline policy behind <see cref="StorageMeter"/>: a few interlocked increments per request.</summary>
internal sealed class StorageCountingPolicy : HttpPipelinePolicy
{
    private long _reads;
    private long _writes;
    private long _batchOperations;
    private long _failed;

    public void AddBatchOperations(int count) => Interlocked.Add(ref _batchOperations, count);

    public StorageCounts Read() => new(Interlocked.Read(ref _reads), Interlocked.Read(ref _writes),
        Interlocked.Read(ref _batchOperations), Interlocked.Read(ref _failed));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }

        Answered(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }

        Answered(message);
    }

    private void Count(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head)
        {
            Interlocked.Increment(ref _reads);
            return;
        }

        Interlocked.Increment(ref _writes);
    }

    private void Answered(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status >= 400 && message.Response.Status is not (404 or 409))
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
