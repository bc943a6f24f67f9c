using System.Text;
using Denied.CloudTrail;

namespace Denied.Core.Tests.CloudTrail;

/// <summary>
/// One byte budget for every shape of input: whatever the splitter would have to hold at once (a string, a number,
/// a record, a top-level value) ends the source with an error once it passes the budget, after reading little more
/// than the budget; whitespace is never held at all. The inputs are generated as they are read, never stored.
/// </summary>
public sealed class InputBudgetTests
{
    private const string Denied = """{"eventVersion":"1.09","eventID":"e-1","eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":"AccessDenied","errorMessage":"Access Denied"}""";

    // Larger than the budget by a margin the splitter must never read into.
    private const long Huge = 4L * JsonValueSplitter.MaxValueBytes;

    public static TheoryData<string, string, byte, string> OversizedShapes => new()
    {
        { "string as a Records element", "{\"Records\":[\"", (byte)'A', "\"]}" },
        { "string inside a record", "{\"Records\":[{\"eventName\":\"", (byte)'A', "\"}]}" },
        { "bare record with one huge field", "{\"eventName\":\"", (byte)'A', "\"}" },
        { "top-level string", "\"", (byte)'A', "\"" },
        { "number as a Records element", "{\"Records\":[", (byte)'1', "]}" },
        { "top-level number", "", (byte)'1', "" },
        { "whitespace inside a record", "{\"eventName\":\"x\",", (byte)' ', "\"eventSource\":\"y\"}" },
        { "member before Records", "{\"x\":\"", (byte)'A', "\",\"Records\":[]}" },
    };

    [Theory]
    [MemberData(nameof(OversizedShapes))]
    public void AValueLargerThanTheBudgetEndsTheSourceWithAnErrorAfterReadingAboutTheBudget(string shape, string prefix, byte fill, string suffix)
    {
        var input = new GeneratedStream(prefix, fill, Huge, suffix);

        var items = CloudTrailInput.ReadStream(input, "big.json", gzip: false, skipNonDenials: false).ToList();

        var error = Assert.Single(items).Error;
        Assert.NotNull(error);
        Assert.Contains("larger than 8 MB", error, StringComparison.Ordinal);
        Assert.True(input.BytesRead <= JsonValueSplitter.MaxValueBytes + (1 << 20), $"{shape}: read {input.BytesRead} bytes");
    }

    [Fact]
    public void WhitespaceBetweenValuesIsNeverHeldSoARecordAfterAHugeRunStillComesThrough()
    {
        var input = new GeneratedStream("\n", (byte)' ', Huge, Denied + "\n");

        var items = CloudTrailInput.ReadStream(input, "spaces.json", gzip: false, skipNonDenials: false).ToList();

        Assert.Equal("e-1", Assert.Single(items).Record?.EventId);
        Assert.Equal(Huge + Denied.Length + 2, input.BytesRead);
    }

    [Fact]
    public void ARecordJustUnderTheBudgetIsRead()
    {
        var prefix = "{\"eventID\":\"e-9\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"userAgent\":\"";
        var input = new GeneratedStream(prefix, (byte)'a', JsonValueSplitter.MaxValueBytes - prefix.Length - 1024, "\"}");

        var items = CloudTrailInput.ReadStream(input, "near.json", gzip: false, skipNonDenials: false).ToList();

        Assert.Equal("e-9", Assert.Single(items).Record?.EventId);
    }

    [Fact]
    public void UnreadableRecordsPastTheCapAreCountedInOneLine()
    {
        var text = new StringBuilder("{\"Records\":[");
        const int bad = CloudTrailInput.MaxListedErrorsPerSource + 150;
        for (var i = 0; i < bad; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"errorCode\":\"AccessDenied\"}");
        }

        text.Append(',').Append(Denied).Append("]}");

        var items = CloudTrailInput.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), "bad.json", gzip: false, skipNonDenials: false).ToList();

        var errors = items.Where(i => i.Error is not null).ToList();
        Assert.Equal(CloudTrailInput.MaxListedErrorsPerSource + 1, errors.Count);
        Assert.Equal("…and 150 more unreadable records in bad.json (not listed)", errors[^1].Error);
        Assert.Equal("bad.json record 1", errors[0].Location);
        Assert.Equal("e-1", Assert.Single(items, i => i.Record is not null).Record!.EventId);
    }

    [Fact]
    public void AListingCapOfZeroCountsEveryUnreadableRecordInOneLine()
    {
        var text = "[{\"errorCode\":\"x\"},{\"errorCode\":\"y\"}]";

        var items = CloudTrailInput.ReadStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "two.json", gzip: false, skipNonDenials: false, maxListedErrors: 0).ToList();

        Assert.Equal("…and 2 more unreadable records in two.json (not listed)", Assert.Single(items).Error);
    }

    /// <summary>prefix, then <c>count</c> copies of one byte, then suffix, produced as read; counts what was read.</summary>
    private sealed class GeneratedStream(string prefix, byte fill, long count, string suffix) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private readonly byte[] _suffix = Encoding.UTF8.GetBytes(suffix);

        public long BytesRead { get; private set; }

        private long Total => _prefix.Length + count + _suffix.Length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int length) => Read(buffer.AsSpan(offset, length));

        public override int Read(Span<byte> buffer)
        {
            var n = 0;
            while (n < buffer.Length && BytesRead < Total)
            {
                var at = BytesRead;
                if (at < _prefix.Length)
                {
                    buffer[n] = _prefix[at];
                }
                else if (at < _prefix.Length + count)
                {
                    var run = (int)Math.Min(buffer.Length - n, _prefix.Length + count - at);
                    buffer.Slice(n, run).Fill(fill);
                    n += run;
                    BytesRead += run;
                    continue;
                }
                else
                {
                    buffer[n] = _suffix[at - _prefix.Length - count];
                }

                n++;
                BytesRead++;
            }

            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int length) => throw new NotSupportedException();
    }
}
