using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// A store write that fails transiently sends back exactly the messages of that finding (batchItemFailures);
/// SQS redelivers only those, and after the redelivery the table equals that of a run without any fault.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorPartialFailureTests(MotoServer moto)
{
    // FindingKey.Id of payments-worker's kms:Decrypt finding (stable: stored findings are keyed by it).
    private const string KmsFindingId = "eb895c751ef7fa83608e872a8dc0b5b9";

    private static readonly string[] KmsDecrypts =
    [
        "3ceb0831-8744-4e92-ad93-36c0f9c4b930", "f1a38d32-6834-4c65-927c-b2382bedda16",
        "670c1cd3-5555-4e31-84be-37c1dfe6c55b", "396dfa33-6763-4f9c-8484-f9d69de18a44",
    ];

    public static TheoryData<string> FaultPoints => ["ledger read", "claim", "apply"];

    [Theory]
    [MemberData(nameof(FaultPoints))]
    public async Task FailedFindingWriteReturnsOnlyItsMessagesAndRedeliveryMatchesAFaultFreeRun(string faultPoint)
    {
        var messages = SqsBatch.Messages(SampleRecords.WithErrors);
        var expected = await FaultFreeTableAsync(messages);

        using var stack = await DetectorStack.CreateAsync(moto);
        var faults = new FaultInjectingHandler((operation, body) => Fails(faultPoint, operation, body));
        using var faulty = stack.FaultyDynamo(faults);
        var (handler, output) = stack.Build(faulty);

        var response = await handler.HandleAsync(SqsBatch.Event(messages), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.True(faults.Injected > 0);
        var failed = SqsBatch.Failures(response);
        Assert.Equal(KmsDecrypts.Select(id => "msg-" + id).Order(StringComparer.Ordinal), failed);
        Assert.Contains("\"StoreTransientFailures\":1", output.ToString(), StringComparison.Ordinal);
        Assert.Null(await stack.Store.GetAsync(KmsFindingId));

        // SQS redelivers only the failed messages; this time DynamoDB is healthy.
        var (healthy, _) = stack.Build();
        var redelivered = messages.Where(m => failed.Contains(m.MessageId)).ToList();
        var again = await healthy.HandleAsync(SqsBatch.Event(redelivered, receiveCount: 2), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(again));
        Assert.Equal(expected, DetectorRedeliveryTests.Describe(await stack.FindingsAsync()));
    }

    [Fact]
    public async Task BatchRedeliveredWholeAfterAFailedApplyCountsEveryEventOnce()
    {
        var messages = SqsBatch.Messages(SampleRecords.WithErrors);
        var expected = await FaultFreeTableAsync(messages);

        using var stack = await DetectorStack.CreateAsync(moto);
        using var faulty = stack.FaultyDynamo(new FaultInjectingHandler((operation, body) => Fails("apply", operation, body)));
        await stack.Build(faulty).Handler.HandleAsync(SqsBatch.Event(messages), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        // A Lambda timeout instead of a partial response: SQS sends the whole batch again, twice.
        var (healthy, _) = stack.Build();
        await healthy.HandleAsync(SqsBatch.Event(messages, 2), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        await healthy.HandleAsync(SqsBatch.Event(messages, 3), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Equal(expected, DetectorRedeliveryTests.Describe(await stack.FindingsAsync()));
    }

    [Fact]
    public async Task BatchStartedTooCloseToTheDeadlineIsHandedBackWholeAndCountedOnRedelivery()
    {
        var messages = SqsBatch.Messages(KmsDecrypts.Select(SampleRecords.ById));
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, _) = stack.Build();
        var nearDeadline = SqsBatch.Invocation(stack.Clock) with { Deadline = stack.Clock.GetUtcNow().AddSeconds(1) };

        var response = await handler.HandleAsync(SqsBatch.Event(messages), nearDeadline, CancellationToken.None);

        Assert.Equal(messages.Select(m => m.MessageId).Order(StringComparer.Ordinal), SqsBatch.Failures(response));
        Assert.Empty(await stack.FindingsAsync());
        await handler.HandleAsync(SqsBatch.Event(messages, 2), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        Assert.Equal(4, Assert.Single(await stack.FindingsAsync()).Count);
    }

    /// <summary>The table after the same messages went through a healthy Detector on a fresh account.</summary>
    private async Task<string> FaultFreeTableAsync(List<(string MessageId, string Body)> messages)
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, _) = stack.Build();
        var response = await handler.HandleAsync(SqsBatch.Event(messages), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        Assert.Empty(SqsBatch.Failures(response));
        return DetectorRedeliveryTests.Describe(await stack.FindingsAsync());
    }

    /// <summary>Which DynamoDB request of the kms:Decrypt finding's write path fails.</summary>
    private static bool Fails(string faultPoint, string operation, string body) => faultPoint switch
    {
        // The ledger read names the events, not the finding.
        "ledger read" => operation == "BatchGetItem" && KmsDecrypts.Any(id => body.Contains("E#" + id, StringComparison.Ordinal)),

        // Claim puts carry the finding id; the apply transaction updates the finding item F#id.
        "claim" => operation == "TransactWriteItems" && body.Contains(KmsFindingId, StringComparison.Ordinal) && !body.Contains("F#" + KmsFindingId, StringComparison.Ordinal),
        "apply" => operation == "TransactWriteItems" && body.Contains("F#" + KmsFindingId, StringComparison.Ordinal),
        _ => throw new ArgumentOutOfRangeException(nameof(faultPoint)),
    };
}
