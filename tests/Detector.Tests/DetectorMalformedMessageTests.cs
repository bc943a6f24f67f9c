using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// A malformed message is never retried forever and never silently lost: with DEAD_LETTER_QUEUE_URL set it
/// goes straight to the dead-letter queue with its reason; the log names its message id, never its content;
/// the rest of the batch is processed.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorMalformedMessageTests(MotoServer moto)
{
    private const string Marker = "SECRET-MARKER-7f3a9c";

    private static readonly string GoodEventId = "f1a38d32-6834-4c65-927c-b2382bedda16";

    /// <summary>Message id, body: each one carries the marker where it has a body at all.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "bad-not-json", $"this is not JSON {Marker} <@here>" },
        { "bad-unknown-shape", $"{{\"hello\":\"{Marker}\",\"detail-type\":\"Scheduled Event\"}}" },
        { "bad-detail-not-record", $"{{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{{\"note\":\"{Marker}\"}}}}" },
        { "bad-truncated", $"{{\"detail\":{{\"eventName\":\"{Marker}" },
        { "bad-empty", "" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedMessageIsDeadLetteredWithItsReasonAndTheBatchGoesOn(string messageId, string body)
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = await stack.ComposeAsync(deadLetter: true);
        var good = SqsBatch.Messages([SampleRecords.ById(GoodEventId)]);

        var response = await handler(SqsBatch.Event([(messageId, body), .. good]), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        Assert.Equal(1, Assert.Single(await stack.FindingsAsync()).Count);
        var dead = Assert.Single(await stack.DrainAsync(stack.DeadLetterQueueUrl));
        Assert.Equal(messageId, dead.MessageAttributes["denied-original-message-id"].StringValue);
        Assert.False(string.IsNullOrWhiteSpace(dead.MessageAttributes["denied-reason"].StringValue));
        Assert.DoesNotContain(Marker, dead.MessageAttributes["denied-reason"].StringValue, StringComparison.Ordinal);
        Assert.Equal(body.Length > 0 ? body : "(empty body)", dead.Body);

        var log = output.ToString();
        Assert.Contains($"\"messageId\":\"{messageId}\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, log, StringComparison.Ordinal);
        Assert.Contains("\"Malformed\":1", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutADeadLetterQueueMalformedMessagesGoBackForTheRedrivePolicy()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = await stack.ComposeAsync(deadLetter: false);
        var good = SqsBatch.Messages([SampleRecords.ById(GoodEventId)]);

        var response = await handler(SqsBatch.Event([("bad-1", "not json " + Marker), .. good, ("bad-2", "{}")], receiveCount: 3), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        // SQS moves them to the dead-letter queue after maxReceiveCount receives: bounded, and kept.
        Assert.Equal(["bad-1", "bad-2"], SqsBatch.Failures(response));
        Assert.Equal(1, Assert.Single(await stack.FindingsAsync()).Count);
        var log = output.ToString();
        Assert.Contains("\"receiveCount\":\"3\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedMessageWhoseDeadLetterSendFailsGoesBackToSqsInsteadOfVanishing()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        await stack.Sqs.DeleteQueueAsync(stack.DeadLetterQueueUrl);
        var (handler, output) = await stack.ComposeAsync(deadLetter: true);

        var response = await handler(SqsBatch.Event([("bad-1", "not json " + Marker)]), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Equal(["bad-1"], SqsBatch.Failures(response));
        Assert.Contains("could not be dead-lettered", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DenialsOfOtherPrincipalsAreCountedAndLoggedByIdOnly()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = await stack.ComposeAsync();
        var alice = SampleRecords.ById("5a397baf-f141-47f1-a128-2a76e9a4c093");
        alice["userAgent"] = "curl " + Marker;

        var response = await handler(SqsBatch.Event(SqsBatch.Messages([alice])), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        Assert.Empty(await stack.FindingsAsync());
        Assert.Empty(await stack.DrainAsync(stack.DeadLetterQueueUrl));
        Assert.Equal(1, DetectorStack.Metric(output, "IgnoredOtherPrincipal"));
        Assert.Contains("5a397baf-f141-47f1-a128-2a76e9a4c093", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, output.ToString(), StringComparison.Ordinal);
    }
}
