namespace Denied.CloudTrail;

/// <summary>
/// A read-only pass-through that drops a UTF-8 byte order mark (EF BB BF) at the very start of the stream: files and
/// standard input saved by some editors begin with one, and it is not JSON. Any other first bytes pass unchanged.
/// </summary>
internal sealed class BomSkippingStream(Stream inner) : Stream
{
    private byte[]? _head;
    private int _headOffset;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        _head ??= ReadHead();
        if (_headOffset < _head.Length)
        {
            var n = Math.Min(buffer.Length, _head.Length - _headOffset);
            _head.AsSpan(_headOffset, n).CopyTo(buffer);
            _headOffset += n;
            return n;
        }

        return inner.Read(buffer);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The first up-to-three bytes, or none when they are the byte order mark.</summary>
    private byte[] ReadHead()
    {
        var head = new byte[3];
        var read = 0;
        while (read < head.Length && inner.Read(head, read, head.Length - read) is var n and > 0)
        {
            read += n;
        }

        return read == 3 && head.AsSpan().SequenceEqual("\uFEFF"u8) ? [] : head[..read];
    }
}
