using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Denied.CloudTrail;
using Denied.TestSupport;

namespace Denied.Core.Tests.CloudTrail;

/// <summary>
/// The splitter against its former self (<see cref="TokenizerSplitter"/>, which skipped every record token by
/// token): over the benchmark archive, the hostile corpus and thousands of random mutations, read in reads of
/// random sizes, both give the same records and end the same way. The one difference allowed is the documented
/// one: where the tokenizer stopped inside a record whose brackets balance but whose grammar is broken, the
/// splitter hands over that record (which a parse then reports as unreadable) instead of stopping there.
/// </summary>
public sealed class SplitterParityTests
{
    private const string Denial = """{"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/fn-role/fn","sessionContext":{"sessionIssuer":{"type":"Role","userName":"fn-role"},"attributes":{"mfaAuthenticated":"false"}}},"eventTime":"2026-11-23T18:16:18Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":"AccessDenied","errorMessage":"User: x is not authorized to perform: s3:GetObject on resource: \"arn:aws:s3:::b/k{[\\\"]}\" because no identity-based policy allows the s3:GetObject action","requestParameters":{"bucketName":"b","key":"k}]\\","tags":[{"k":"a"},[1,2,{"x":null}]]},"resources":[{"ARN":"arn:aws:s3:::b/k","type":"AWS::S3::Object"}],"eventID":"e-1"}""";
    private const string Success = """{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","userName":"alice \u00e9 \"q\""},"eventSource":"dynamodb.amazonaws.com","eventName":"GetItem","requestParameters":{"tableName":"t","key":{"pk":{"S":"/* not a comment */ // nor this"}}},"responseElements":null,"eventID":"e-2","readOnly":true}""";

    /// <summary>Shapes the splitter reads; the mutations start from these.</summary>
    public static TheoryData<string, string> Bases => new()
    {
        { "log file", $$"""{"Records":[{{Denial}},{{Success}}, /* between */ {{Success}}""" + "\n" + $$""",{{Denial}}]}""" },
        { "log file with members around Records", """{"version":"1","meta":{"a":[1,{"b":"}"}]},"Records":[""" + Success + "," + Denial + """],"after":{"c":[]}}""" },
        { "JSON Lines", $"{Denial}\n{Success}\n// a comment\n{Success}\n" },
        { "top-level array", $"[{Success},{Denial},{{}}]" },
        { "comments inside a record", """{"Records":[{"eventName":"A" /* } ] */, "eventSource":"s" // }""" + "\n}]}" },
        { "record longer than the first buffer", $$"""{"Records":[{"eventName":"A","blob":"{{new string('x', 200_000)}}\\\"","n":[{{string.Join(',', Enumerable.Repeat("{\"a\":[1,2]}", 5000))}}]},{{Denial}}]}""" },
    };

    [Theory]
    [MemberData(nameof(Bases))]
    public void EveryBaseShapeGivesTheSameRecordsAsTheTokenizer(string shape, string text)
    {
        var outcome = Compare(Encoding.UTF8.GetBytes(text), new Random(1));

        Assert.True(outcome == Ending.End, $"{shape}: {outcome}");
    }

    [Fact]
    public void RandomMutationsGiveTheSameRecordsAndEndingsAsTheTokenizer()
    {
        var random = new Random(16);
        var bases = Bases.Select(row => Encoding.UTF8.GetBytes((string)row[1])).Where(b => b.Length < 100_000).ToArray();
        var endings = new Dictionary<Ending, int>();
        for (var i = 0; i < 4000; i++)
        {
            var mutant = Mutate(bases[random.Next(bases.Length)], random);
            var ending = Compare(mutant, random);
            endings[ending] = endings.GetValueOrDefault(ending) + 1;
        }

        // The mutations reach every way a stream can end, or the test proves less than it says.
        Assert.True(endings.ContainsKey(Ending.End) && endings.ContainsKey(Ending.Error) && endings.ContainsKey(Ending.BrokenRecordHandedOver),
            string.Join(", ", endings.Select(e => $"{e.Key} {e.Value}")));
    }

    [Fact]
    public async Task TheBenchmarkArchiveGivesTheSameRecordsAsTheTokenizer()
    {
        var folder = Directory.CreateTempSubdirectory("denied-parity-").FullName;
        try
        {
            var (code, _, stderr) = await Python.RunAsync([RepoPaths.Combine("bench", "generate_archive.py"), "--out", folder, "--mb", "2", "--records-per-file", "500"]);
            Assert.True(code == 0, "generate_archive.py failed: " + stderr);
            var files = Directory.GetFiles(folder, "*.json.gz", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                Assert.Equal(Ending.End, Compare(Gunzip(file), new Random(2)));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheHostileCorpusEndsEveryShapeAsTheTokenizerDoes()
    {
        var folder = Directory.CreateTempSubdirectory("denied-parity-hostile-").FullName;
        try
        {
            var (code, stdout, stderr) = await Python.RunAsync([RepoPaths.Combine("scripts", "hostile_corpus.py"), "--out", folder, "--scale", "small"]);
            Assert.True(code == 0, "hostile_corpus.py failed: " + stderr);
            var compared = 0;
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split('\t');
                if (!File.Exists(parts[1]) || !parts[1].EndsWith(".gz", StringComparison.Ordinal))
                {
                    continue; // the file-system shapes (link cycles, a FIFO) are the walker's, not the splitter's
                }

                var ending = CompareStreams(() => new GZipStream(File.OpenRead(parts[1]), CompressionMode.Decompress), new Random(3), mostPerRead: 256 * 1024);
                Assert.True(ending is Ending.End or Ending.Error or Ending.Limit, $"{parts[0]}: {ending}");
                compared++;
            }

            Assert.True(compared >= 10, $"only {compared} shapes compared");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public enum Ending
    {
        End,
        Error,
        Limit,
        BrokenRecordHandedOver,
    }

    private static Ending Compare(byte[] input, Random random) => CompareStreams(() => new MemoryStream(input), random, mostPerRead: 700);

    /// <summary>
    /// Runs both splitters in step over the same bytes (the new one in reads of random sizes, so its scan is
    /// resumed mid-record; the hostile corpus in reads as large as the reader's, since an 8 MB token re-read
    /// from its start after every few hundred bytes would take hours in either), asserting each record is the same, and returns how the stream ended.
    /// </summary>
    private static Ending CompareStreams(Func<Stream> open, Random random, int mostPerRead)
    {
        using var oldSource = open();
        using var newSource = new RandomReads(open(), random.Next(), mostPerRead);
        var oracle = new TokenizerSplitter(oldSource);
        var splitter = new JsonValueSplitter(newSource);
        for (var index = 0; ; index++)
        {
            var expected = Step(oracle.Next);
            var actual = Step(splitter.Next);
            if (expected.Value is { } record)
            {
                Assert.True(actual.Value is { } same && same.AsSpan().SequenceEqual(record), $"record {index}: {Describe(actual)} where the tokenizer gave {record.Length} bytes");
                continue;
            }

            if (expected.Failure is JsonException && actual.Value is { } handedOver)
            {
                Assert.False(IsOneValidObject(handedOver), $"record {index}: the splitter handed over a valid record where the tokenizer stopped ({expected.Failure.Message})");
                return Ending.BrokenRecordHandedOver;
            }

            Assert.True(actual.Value is null && Kind(actual.Failure) == Kind(expected.Failure),
                $"after record {index}: the tokenizer ended with {expected.Failure?.Message ?? "the end"}, the splitter with {Describe(actual)}");
            return expected.Failure switch
            {
                null => Ending.End,
                InputLimitException => Ending.Limit,
                _ => Ending.Error,
            };
        }
    }

    /// <summary>How a stream ends: the reader throws subclasses of JsonException, and the messages name different bytes.</summary>
    private static string Kind(Exception? failure) => failure switch
    {
        null => "end",
        InputLimitException => "limit",
        _ => "invalid JSON",
    };

    private readonly record struct Result(byte[]? Value, Exception? Failure);

    private static Result Step(Func<ReadOnlyMemory<byte>?> next)
    {
        try
        {
            return new Result(next()?.ToArray(), null);
        }
        catch (Exception e) when (e is JsonException or InputLimitException)
        {
            return new Result(null, e);
        }
    }

    private static string Describe(Result r) => r.Value is { } v ? $"a record of {v.Length} bytes" : r.Failure?.Message ?? "the end";

    private static bool IsOneValidObject(byte[] slice)
    {
        var reader = new Utf8JsonReader(slice, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && reader.BytesConsumed == slice.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static readonly byte[] Inserted = "{}[]\",\\/*\n :a1"u8.ToArray();

    /// <summary>One to three edits: a byte deleted, inserted or replaced (mostly by a structural one), a cut, a copied run.</summary>
    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 1; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, Inserted[random.Next(Inserted.Length)]);
                    break;
                case 2:
                    bytes[at] = Inserted[random.Next(Inserted.Length)];
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Hands out a random number of bytes per read, at most <c>most</c>, as a pipe or an inflate might.</summary>
    private sealed class RandomReads(Stream inner, int seed, int most) : Stream
    {
        private readonly Random _random = new(seed);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, _random.Next(1, most + 1)));

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
