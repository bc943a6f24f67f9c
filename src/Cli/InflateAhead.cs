using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Denied.CloudTrail;

namespace Denied.Cli;

/// <summary>
/// Reads a stream (a file's inflated bytes) on a worker of its own, a few blocks ahead of whoever reads this one, so
/// inflating a .gz and splitting its records use two cores instead of taking turns on one. At most
/// <see cref="BlocksAhead"/> blocks of <see cref="BlockBytes"/> wait. A failure of the source (a corrupt or
/// truncated .gz, a read error) is thrown from <see cref="Read(byte[], int, int)"/> after every byte read before it,
/// as the source itself would have thrown it.
/// </summary>
internal sealed class InflateAhead : Stream
{
    public const int BlockBytes = 256 * 1024;

    public const int BlocksAhead = 4;

    /// <summary>The wrapper for <see cref="CloudTrailInput.ReadFile"/>: a .gz file is inflated ahead, a plain one read as it is.</summary>
    public static Func<Stream, Stream>? IfGzip(string path) => CloudTrailInput.IsGzip(path) ? source => new InflateAhead(source) : null;

    private readonly Stream _source;
    private readonly BlockingCollection<Block> _blocks = new(BlocksAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private Block? _current;
    private int _offset;
    private bool _ended;
    private ExceptionDispatchInfo? _failure;

    /// <summary>A block of bytes read, or the end of the source (no bytes), or how it failed.</summary>
    private sealed record Block(byte[]? Bytes, int Count, ExceptionDispatchInfo? Failure);

    /// <param name="source">Read only by the worker from now on; disposed by the caller after this stream is.</param>
    public InflateAhead(Stream source)
    {
        _source = source;
        _worker = Task.Factory.StartNew(Fill, TaskCreationOptions.LongRunning);
    }

    private void Fill()
    {
        var ct = _stop.Token;
        try
        {
            while (true)
            {
                var bytes = ArrayPool<byte>.Shared.Rent(BlockBytes);
                var count = 0;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    int read;
                    while (count < BlockBytes && (read = _source.Read(bytes, count, BlockBytes - count)) > 0)
                    {
                        count += read;
                    }
                }
                catch (Exception e)
                {
                    // What was read before the failure is handed over first, as the source itself would have.
                    failure = ExceptionDispatchInfo.Capture(e);
                }

                if (count > 0)
                {
                    _blocks.Add(new Block(bytes, count, null), ct);
                }
                else
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }

                if (failure is not null || count == 0)
                {
                    _blocks.Add(new Block(null, 0, failure), ct);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The reader stopped early: nothing waits for more.
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        _failure?.Throw();
        while (!_ended && (_current is null || _offset == _current.Count))
        {
            if (_current?.Bytes is { } done)
            {
                ArrayPool<byte>.Shared.Return(done);
            }

            _current = _blocks.Take();
            _offset = 0;
            _failure = _current.Failure;
            _failure?.Throw();
            _ended = _current.Bytes is null;
        }

        if (_ended || buffer.IsEmpty)
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, _current!.Count - _offset);
        _current.Bytes.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The worker must be done with the source before the caller disposes it.
            _stop.Cancel();
            _worker.Wait();
            _stop.Dispose();
            _blocks.Dispose();
        }

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
