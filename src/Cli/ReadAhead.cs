using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Denied.CloudTrail;

namespace Denied.Cli;

/// <summary>
/// Walks and reads local log files on a thread of its own (inflate, split, pre-filter, parse) while the scan
/// diagnoses on the caller's thread, so the two use separate cores. What is read ahead waits in a queue bounded by
/// items (<see cref="QueuedChunks"/> × <see cref="ChunkItems"/>) and by the JSON bytes of the parsed records
/// (<see cref="MaxQueuedRecordBytes"/>), never by file sizes: a small .gz of a million records cannot fill memory,
/// because the reader waits once the queue is full.
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    /// <summary>Items handed over at once (one small array, below the large-object heap's 85 KB).</summary>
    public const int ChunkItems = 1024;

    /// <summary>Chunks waiting; with <see cref="ChunkItems"/>, at most 64 Ki items ahead.</summary>
    public const int QueuedChunks = 64;

    /// <summary>A chunk is handed over early once its parsed records came from this many JSON bytes.</summary>
    public const int ChunkRecordBytes = 64 * 1024;

    /// <summary>
    /// Record JSON bytes waiting at most. A chunk is always let in when nothing waits, so one record up to the
    /// reader's 8 MB budget still passes: the queue then holds that one chunk alone.
    /// </summary>
    public const long MaxQueuedRecordBytes = 4 * 1024 * 1024;

    /// <summary>Unreadable records listed one by one across the whole scan; past this, one line per file counts them.</summary>
    public const int MaxListedErrors = 1000;

    private readonly BlockingCollection<Chunk> _queue = new(QueuedChunks);
    private readonly CancellationTokenSource _stop;
    private readonly Thread _reader;
    private readonly object _gate = new();
    private long _queuedBytes;
    private Chunk? _current;
    private int _index;

    private sealed record Chunk(string Source, InputItem[] Items, int Count, bool LastOfSource, bool LastOfAll, Exception? Failure, string? Note = null)
    {
        public long RecordBytes { get; init; }
    }

    private readonly Action<string>? _note;

    /// <param name="note">Hears, on the caller's thread and in order, about files the walk left out.</param>
    public ReadAhead(IEnumerable<LogFileWalker.Entry> entries, Action<string>? note, CancellationToken ct)
    {
        _note = note;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reader = new Thread(() => Produce(entries, _stop.Token)) { IsBackground = true, Name = "denied log reader" };
        _reader.Start();
    }

    /// <summary>The next source (a file, or a folder that could not be read) and its items, or null at the end.</summary>
    /// <remarks>The items of one source must be read before the next source is asked for; unread ones are dropped.</remarks>
    public (string Name, IEnumerable<InputItem> Items)? NextSource()
    {
        while (_current is { LastOfSource: false })
        {
            Advance();
        }

        Advance();
        while (_current!.Note is { } note)
        {
            _note?.Invoke(note);
            Advance();
        }

        if (_current.Failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return _current.LastOfAll ? null : (_current.Source, ItemsOfCurrentSource());
    }

    private IEnumerable<InputItem> ItemsOfCurrentSource()
    {
        var chunk = _current!;
        while (true)
        {
            for (_index = 0; _index < chunk.Count; _index++)
            {
                yield return chunk.Items[_index];
            }

            if (chunk.LastOfSource)
            {
                yield break;
            }

            Advance();
            chunk = _current!;
            if (chunk.Failure is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }

    private void Advance()
    {
        _current = _queue.Take(_stop.Token);
        _index = 0;
        if (_current.RecordBytes > 0)
        {
            lock (_gate)
            {
                _queuedBytes -= _current.RecordBytes;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Queues a chunk of records once the bytes already waiting leave room for it.</summary>
    private void Enqueue(Chunk chunk, CancellationToken ct)
    {
        if (chunk.RecordBytes > 0)
        {
            lock (_gate)
            {
                while (_queuedBytes > 0 && _queuedBytes + chunk.RecordBytes > MaxQueuedRecordBytes)
                {
                    ct.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate, TimeSpan.FromMilliseconds(100));
                }

                _queuedBytes += chunk.RecordBytes;
            }
        }

        _queue.Add(chunk, ct);
    }

    private void Produce(IEnumerable<LogFileWalker.Entry> entries, CancellationToken ct)
    {
        try
        {
            var listedErrors = 0;
            foreach (var entry in entries)
            {
                switch (entry.Kind)
                {
                    case LogFileWalker.EntryKind.Skipped:
                        _queue.Add(new Chunk(entry.Path, [], 0, true, false, null, $"{entry.Path}: {entry.Reason}"), ct);
                        continue;
                    case LogFileWalker.EntryKind.UnreadableFolder:
                        _queue.Add(new Chunk(entry.Path, [InputItem.Failed(entry.Path, entry.Reason!)], 1, true, false, null), ct);
                        listedErrors++;
                        continue;
                }

                var items = new InputItem[ChunkItems];
                var count = 0;
                var recordBytes = 0;
                foreach (var item in CloudTrailInput.ReadFile(entry.Path, skipNonDenials: true, Math.Max(0, MaxListedErrors - listedErrors)))
                {
                    if (item.Error is not null)
                    {
                        listedErrors++;
                    }

                    items[count++] = item;
                    recordBytes += item.SourceBytes;
                    if (count == ChunkItems || recordBytes >= ChunkRecordBytes)
                    {
                        Enqueue(new Chunk(entry.Path, items, count, false, false, null) { RecordBytes = recordBytes }, ct);
                        items = new InputItem[ChunkItems];
                        count = 0;
                        recordBytes = 0;
                    }
                }

                Enqueue(new Chunk(entry.Path, items, count, true, false, null) { RecordBytes = recordBytes }, ct);
            }

            _queue.Add(new Chunk("", [], 0, true, true, null), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The scan stopped reading: nothing is waiting for more.
        }
        catch (Exception e)
        {
            // Handed to the scan's thread, which reports it as it would have had it read the file itself.
            try
            {
                _queue.Add(new Chunk("", [], 0, true, true, e), ct);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join();
        _stop.Dispose();
        _queue.Dispose();
    }
}
