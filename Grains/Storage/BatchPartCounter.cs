namespace OrleansChat.Grains.Storage;

/// <summary>
/// A write-only stream that counts the operations of a table <c>$batch</c> body as it is written: each operation is one
/// multipart part with the header line <c>Content-Type: application/http</c>. The line is matched with the CR LF before
/// it, which cannot occur inside an entity's JSON (control characters are escaped there), so no row content can fake one.
/// </summary>
internal sealed class BatchPartCounter : Stream
{
    private static readonly byte[] Marker = "\r\ncontent-type: application/http"u8.ToArray();
    private int _matched;

    public int Parts { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var i = 0;
        while (i < buffer.Length)
        {
            if (_matched == 0)
            {
                // Skip to the next CR: the marker's only CR is its first byte, so a mismatch restarts only there.
                var cr = buffer[i..].IndexOf((byte)'\r');
                if (cr < 0)
                {
                    return;
                }

                i += cr + 1;
                _matched = 1;
                continue;
            }

            var b = buffer[i];
            var lower = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
            if (lower == Marker[_matched])
            {
                if (++_matched == Marker.Length)
                {
                    Parts++;
                    _matched = 0;
                }

                i++;
            }
            else
            {
                // Not the marker: look at this byte again as a possible CR.
                _matched = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
