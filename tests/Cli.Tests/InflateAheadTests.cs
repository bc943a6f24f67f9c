using Denied.Cli;

namespace Cli.Tests;

/// <summary>
/// The read-ahead of a file's inflated bytes: the same bytes in the same order whatever the read sizes, a failure of
/// the source after every byte before it (and again on every later read), and a reader that stops early stops the
/// worker before the source is disposed.
/// </summary>
public sealed class InflateAheadTests
{
    [Fact]
    public void GivesTheSourcesBytesInOrderWhateverTheReadSizes()
    {
        var bytes = new byte[3 * InflateAhead.BlockBytes + 12345];
        new Random(7).NextBytes(bytes);
        var random = new Random(8);
        using var ahead = new InflateAhead(new MemoryStream(bytes));

        var copy = new MemoryStream();
        var buffer = new byte[100_000];
        int read;
        while ((read = ahead.Read(buffer, 0, random.Next(1, buffer.Length))) > 0)
        {
            copy.Write(buffer, 0, read);
        }

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(0, ahead.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void ASourceFailureComesAfterEveryByteBeforeItAndOnEveryLaterRead()
    {
        const int before = InflateAhead.BlockBytes + 5000;
        using var ahead = new InflateAhead(new EndlessSource(failAfter: before));

        var (bytes, failure) = ReadUntilFailure(ahead);

        Assert.Equal(before, bytes);
        Assert.IsType<InvalidDataException>(failure);
        Assert.Throws<InvalidDataException>(() => ahead.Read(new byte[10], 0, 10));
    }

    [Fact]
    public void AReaderThatStopsEarlyStopsTheWorkerBeforeTheSourceIsDisposed()
    {
        var source = new EndlessSource();
        var ahead = new InflateAhead(source);
        Assert.Equal(100, ahead.Read(new byte[100], 0, 100));

        ahead.Dispose();
        var readsAtDispose = source.Reads;
        source.Dispose();

        Assert.Equal(readsAtDispose, source.Reads);
        Assert.InRange(source.Reads, 1, (InflateAhead.BlocksAhead + 2) * InflateAhead.BlockBytes / EndlessSource.ReadBytes);
    }

    private static (long Bytes, Exception? Failure) ReadUntilFailure(Stream stream)
    {
        long total = 0;
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }

            return (total, null);
        }
        catch (Exception e)
        {
            return (total, e);
        }
    }

    /// <summary>
    /// Zeros a few KB per read, forever or until <c>failAfter</c> bytes, where it throws as a corrupt .gz does;
    /// counts its reads, and a read after Dispose is a failure.
    /// </summary>
    private sealed class EndlessSource(long failAfter = long.MaxValue) : Stream
    {
        public const int ReadBytes = 4096;
        private bool _disposed;
        private long _given;

        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Reads++;
            var n = (int)Math.Min(Math.Min(count, ReadBytes), failAfter - _given);
            if (n == 0)
            {
                throw new InvalidDataException("corrupt");
            }

            _given += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            base.Dispose(disposing);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
