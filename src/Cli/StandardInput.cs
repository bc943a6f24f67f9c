namespace Denied.Cli;

/// <summary>Standard input, with gzip told by its magic bytes (1f 8b) since a pipe has no file name.</summary>
public static class StandardInput
{
    public static (Stream Stream, bool Gzip) Open()
    {
        var stdin = new BufferedStream(Console.OpenStandardInput(), 64 * 1024);
        var peek = new byte[2];
        var read = 0;
        while (read < 2)
        {
            var n = stdin.Read(peek, read, 2 - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var gzip = read == 2 && peek[0] == 0x1f && peek[1] == 0x8b;
        return (new PrefixedStream(peek.AsMemory(0, read), stdin), gzip);
    }

    /// <summary>Replays the peeked bytes, then reads on from the inner stream.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_prefix.Length > 0)
            {
                var n = Math.Min(count, _prefix.Length);
                _prefix[..n].CopyTo(buffer.AsMemory(offset, n));
                _prefix = _prefix[n..];
                return n;
            }

            return inner.Read(buffer, offset, count);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
