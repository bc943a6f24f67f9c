using System.Text.Json;

using Denied.CloudTrail;

namespace Denied.Core.Tests.CloudTrail;

/// <summary>
/// The splitter as it was before its record boundaries were found by ObjectEndScanner: every record
/// skipped token by token with Utf8JsonReader.TrySkip. Kept only as the oracle of <see cref="SplitterParityTests"/>.
/// </summary>
internal sealed class TokenizerSplitter
{
    /// <summary>
    /// The most the splitter holds at once: one record, or one token, larger than this ends the stream. CloudTrail
    /// records are a few KB: CloudTrail truncates a field whose content exceeds its maximum size and marks the
    /// record with "omitted" (CloudTrail record contents page), and EventBridge refuses events over 256 KB. 8 MB is
    /// far above any real record and keeps the buffer, and the parse of one record, a small fixed part of the
    /// scan's memory bound.
    /// </summary>
    public const int MaxValueBytes = 8 * 1024 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _source;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state = new(new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
    private Mode _mode = Mode.TopLevel;
    private int _depthOfArray;

    private enum Mode
    {
        TopLevel,
        InArray,
        AfterRecords,
    }

    public TokenizerSplitter(Stream source) => _source = source;

    /// <summary>Bytes consumed from the stream so far (for progress and error locations).</summary>
    public long Position { get; private set; }

    /// <summary>The next object, or null at the end of the stream. The memory is valid until the next call.</summary>
    public ReadOnlyMemory<byte>? Next()
    {
        while (true)
        {
            var outcome = TryNext(out var slice);
            if (outcome == Outcome.Value)
            {
                return slice;
            }

            if (outcome == Outcome.End)
            {
                return null;
            }

            Refill();
        }
    }

    private enum Outcome
    {
        Value,
        NeedMore,
        End,
    }

    private Outcome TryNext(out ReadOnlyMemory<byte> slice)
    {
        slice = default;
        var span = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(span, _eof, _state);
        while (true)
        {
            var checkpoint = reader.CurrentState;
            var checkpointOffset = (int)reader.BytesConsumed;
            if (!reader.Read())
            {
                // The reader stops before an incomplete token and after any whitespace: drop what it passed, so a
                // run of whitespace between values never accumulates in the buffer.
                Commit((int)reader.BytesConsumed, reader.CurrentState);
                return _eof && _mode == Mode.TopLevel ? Outcome.End : EndOrMore();
            }

            switch (_mode, reader.TokenType)
            {
                case (Mode.TopLevel, JsonTokenType.StartArray):
                    _mode = Mode.InArray;
                    _depthOfArray = reader.CurrentDepth;
                    continue;
                case (Mode.TopLevel, JsonTokenType.StartObject):
                {
                    // A CloudTrail log file holds "Records": stream its elements instead of taking the whole object.
                    var objectStart = (int)reader.TokenStartIndex;
                    var probe = reader;
                    var found = FindRecordsArray(ref probe);
                    if (found is null)
                    {
                        Commit(checkpointOffset, checkpoint);
                        return EndOrMore();
                    }

                    if (found == true)
                    {
                        reader = probe;
                        _mode = Mode.InArray;
                        _depthOfArray = reader.CurrentDepth;
                        continue;
                    }

                    return TakeObject(ref reader, objectStart, checkpointOffset, checkpoint, out slice);
                }

                case (Mode.TopLevel, _):
                    throw new JsonException($"expected a JSON object or array at byte {Position + reader.TokenStartIndex}, found {reader.TokenType}");
                case (Mode.InArray, JsonTokenType.StartObject):
                    return TakeObject(ref reader, (int)reader.TokenStartIndex, checkpointOffset, checkpoint, out slice);
                case (Mode.InArray, JsonTokenType.EndArray) when reader.CurrentDepth == _depthOfArray:
                    _mode = _depthOfArray == 0 ? Mode.TopLevel : Mode.AfterRecords;
                    continue;
                case (Mode.InArray, _):
                    throw new JsonException($"expected a record object at byte {Position + reader.TokenStartIndex}, found {reader.TokenType}");
                case (Mode.AfterRecords, JsonTokenType.EndObject) when reader.CurrentDepth == 0:
                    _mode = Mode.TopLevel;
                    continue;
                case (Mode.AfterRecords, JsonTokenType.PropertyName):
                    continue;
                case (Mode.AfterRecords, _):
                    // Other members beside "Records" are not records: skip their values whole.
                    if (!reader.TrySkip())
                    {
                        Commit(checkpointOffset, checkpoint);
                        return EndOrMore();
                    }

                    continue;
            }
        }
    }

    /// <summary>
    /// Walks the members of the object the reader has just entered: true with the reader on the "Records" array,
    /// false when the object ends without one (a single record or envelope), null when more input is needed.
    /// </summary>
    private static bool? FindRecordsArray(ref Utf8JsonReader probe)
    {
        var depth = probe.CurrentDepth;
        while (true)
        {
            if (!probe.Read())
            {
                return null;
            }

            if (probe.TokenType == JsonTokenType.EndObject && probe.CurrentDepth == depth)
            {
                return false;
            }

            var isRecords = probe.TokenType == JsonTokenType.PropertyName && probe.ValueTextEquals("Records"u8);
            if (!probe.Read())
            {
                return null;
            }

            if (isRecords && probe.TokenType == JsonTokenType.StartArray)
            {
                return true;
            }

            if (!probe.TrySkip())
            {
                return null;
            }
        }
    }

    private Outcome TakeObject(ref Utf8JsonReader reader, int objectStart, int checkpointOffset, JsonReaderState checkpoint, out ReadOnlyMemory<byte> slice)
    {
        slice = default;
        if (!reader.TrySkip())
        {
            Commit(checkpointOffset, checkpoint);
            return EndOrMore();
        }

        var end = (int)reader.BytesConsumed;
        slice = _buffer.AsMemory(_start + objectStart, end - objectStart);
        Commit(end, reader.CurrentState);
        return Outcome.Value;
    }

    private Outcome EndOrMore()
    {
        if (!_eof)
        {
            return Outcome.NeedMore;
        }

        if (_mode != Mode.TopLevel || _end > _start)
        {
            throw new JsonException($"the input ends inside a JSON value at byte {Position + (_end - _start)} (truncated file?)");
        }

        return Outcome.End;
    }

    private void Commit(int consumed, JsonReaderState state)
    {
        _start += consumed;
        Position += consumed;
        _state = state;
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Everything in the buffer is one value still incomplete: past the budget it is refused, not held.
            if (_end >= MaxValueBytes)
            {
                throw new InputLimitException(
                    $"a JSON value at byte {Position} is larger than {MaxValueBytes / (1024 * 1024)} MB (the most one record or token may take); the rest of the input is not read");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxValueBytes));
        }

        var read = _source.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
