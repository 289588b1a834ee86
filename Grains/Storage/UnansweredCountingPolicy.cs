using Azure.Core;
using Azure.Core.Pipeline;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// Counts the attempts the store did not answer (no connection, a dropped one) or answered with a server error: the
/// pipeline policy behind <see cref="SiloStorage.Unanswered"/>.
/// </summary>
internal sealed class UnansweredCountingPolicy : HttpPipelinePolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _count);
            throw;
        }

        CountServerError(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref _count);
            throw;
        }

        CountServerError(message);
    }

    private void CountServerError(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status >= 500)
        {
            Interlocked.Increment(ref _count);
        }
    }
}
