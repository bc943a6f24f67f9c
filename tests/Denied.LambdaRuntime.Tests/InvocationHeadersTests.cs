namespace Denied.LambdaRuntime.Tests;

public sealed class InvocationHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
    private static readonly string InFiveMinutes = Now.AddMinutes(5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("8476a536-e9f4-11e8-9739-2dfe598c3fcd", true)]
    [InlineData("req-1", true)]
    [InlineData("a.b_c~d", true)]
    [InlineData("..", false)]
    [InlineData(".", false)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("..%2F..%2Fruntime", false)]
    [InlineData("a b", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("a\u001bb", false)]
    [InlineData("a?next", false)]
    [InlineData("a#x", false)]
    [InlineData("\u00e9t\u00e9", false)]
    public void IsSafePathSegment_AcceptsOnlyUnreservedCharactersAndNoDotSegment(string requestId, bool safe) =>
        Assert.Equal(safe, InvocationHeaders.IsSafePathSegment(requestId));

    [Fact]
    public void IsSafePathSegment_RefusesARequestIdOverItsLengthLimit()
    {
        Assert.True(InvocationHeaders.IsSafePathSegment(new string('a', InvocationHeaders.MaxRequestIdLength)));
        Assert.False(InvocationHeaders.IsSafePathSegment(new string('a', InvocationHeaders.MaxRequestIdLength + 1)));
    }

    [Theory]
    [InlineData("99999999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("253402300799999")]
    [InlineData("0")]
    [InlineData("4102444800123")]
    public void Read_RefusesADeadlineNoLambdaTimeoutCouldGive_NamingTheUsableRequestId(string deadline)
    {
        var e = Assert.Throws<RuntimeProtocolException>(() => InvocationHeaders.Read("r1", deadline, null, null, Now));

        Assert.Equal("r1", e.RequestId);
        Assert.Contains("Lambda-Runtime-Deadline-Ms", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("99999999999999999999")]
    public void Read_RefusesADeadlineThatIsNotADecimalNumber(string? deadline)
    {
        var e = Assert.Throws<RuntimeProtocolException>(() => InvocationHeaders.Read("r1", deadline, null, null, Now));

        Assert.Equal("r1", e.RequestId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("x\r\ny")]
    public void Read_RefusesARequestIdThatIsNotASafePathSegment_WithNoIdToReportTo(string? requestId)
    {
        var e = Assert.Throws<RuntimeProtocolException>(() => InvocationHeaders.Read(requestId, InFiveMinutes, null, null, Now));

        Assert.Null(e.RequestId);
        Assert.DoesNotContain("\r", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-59)]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(59)]
    public void Read_AcceptsADeadlineWithinAnHourOfNow(int minutes)
    {
        var deadline = Now.AddMinutes(minutes);

        var context = InvocationHeaders.Read("r1", deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "arn:aws:lambda:us-east-1:111122223333:function:f", "Root=1-a", Now);

        Assert.Equal(deadline, context.Deadline);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:f", context.InvokedFunctionArn);
        Assert.Equal("Root=1-a", context.TraceId);
    }

    [Theory]
    [InlineData("Root=1-a\u0000;Sampled=1")]
    [InlineData("Root=1-a\nX: y")]
    [InlineData("")]
    public void Read_DropsATraceIdThatIsNotPrintableAscii_AsIfAbsent(string traceId)
    {
        var context = InvocationHeaders.Read("r1", InFiveMinutes, null, traceId, Now);

        Assert.Null(context.TraceId);
    }
}
