using Denied.Detector;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// The invocation's deadline reached in the middle of a batch: the write in flight stops, no new finding is started,
/// and batchItemFailures lists exactly the messages whose findings were not written. A message already dead-lettered
/// is not among them, and is not dead-lettered again when SQS delivers the whole batch once more.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorDeadlineTests(MotoServer moto)
{
    private const string KmsDecrypt = "3ceb0831-8744-4e92-ad93-36c0f9c4b930";      // payments-worker kms:Decrypt: written before the deadline
    private const string SecretsRead = "76dca866-649b-4809-8780-b8cf55034265";     // payments-worker GetSecretValue: its write is in flight at the deadline
    private const string SnsPublish = "97335aad-fb4e-4a1f-b5bc-3463ea695687";      // alerts-fanout sns:Publish: not started
    private const string Malformed = "msg-malformed";

    private static List<(string MessageId, string Body)> Batch() =>
    [
        .. SqsBatch.Messages([SampleRecords.ById(KmsDecrypt)]),
        (Malformed, "{\"detail\": not json"),
        .. SqsBatch.Messages([SampleRecords.ById(SecretsRead), SampleRecords.ById(SnsPublish)]),
    ];

    [Fact]
    public async Task TheDeadlineMidBatchReturnsExactlyTheUnwrittenMessagesAndTheirRedeliveryMatchesAFaultFreeRun()
    {
        var expected = await FaultFreeTableAsync();
        using var stack = await DetectorStack.CreateAsync(moto);
        var invocation = SqsBatch.Invocation(stack.Clock);
        using var jump = new DeadlineAtRequest(
            (operation, body) => operation == "BatchGetItem" && body.Contains("E#" + SecretsRead, StringComparison.Ordinal),
            () => stack.Clock.Now = invocation.Deadline - TimeSpan.FromSeconds(1));
        using var dynamo = stack.FaultyDynamo(jump);
        var (handler, output) = stack.Build(dynamo, new SqsDeadLetterSink(stack.Sqs, stack.DeadLetterQueueUrl));

        var response = await handler.HandleAsync(SqsBatch.Event(Batch()), invocation, CancellationToken.None);

        Assert.True(jump.Reached);
        Assert.Equal(["msg-" + SecretsRead, "msg-" + SnsPublish], SqsBatch.Failures(response));
        Assert.Equal(1, DetectorStack.Metric(output, Metric.DeadlineCuts));
        Assert.Single(await stack.FindingsAsync());
        Assert.Single(await stack.DrainAsync(stack.DeadLetterQueueUrl));

        // SQS redelivers only the two; the clock is back at a fresh invocation's start.
        stack.Clock.Now = invocation.Deadline - TimeSpan.FromMinutes(5);
        var (healthy, _) = stack.Build(deadLetters: new SqsDeadLetterSink(stack.Sqs, stack.DeadLetterQueueUrl));
        var redelivered = Batch().Where(m => SqsBatch.Failures(response).Contains(m.MessageId)).ToList();
        var again = await healthy.HandleAsync(SqsBatch.Event(redelivered, receiveCount: 2), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(again));
        Assert.Equal(expected, DetectorRedeliveryTests.Describe(await stack.FindingsAsync()));
        Assert.Empty(await stack.DrainAsync(stack.DeadLetterQueueUrl));
    }

    [Fact]
    public async Task AMessageDeadLetteredOnceIsNotDeadLetteredAgainWhenTheWholeBatchComesBack()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = stack.Build(deadLetters: new SqsDeadLetterSink(stack.Sqs, stack.DeadLetterQueueUrl));

        // A Lambda timeout after the first run: SQS sends the whole batch again, twice.
        for (var receive = 1; receive <= 3; receive++)
        {
            Assert.Empty(SqsBatch.Failures(await handler.HandleAsync(SqsBatch.Event(Batch(), receive), SqsBatch.Invocation(stack.Clock), CancellationToken.None)));
        }

        var dead = await stack.DrainAsync(stack.DeadLetterQueueUrl);
        Assert.Equal(Malformed, Assert.Single(dead).MessageAttributes["denied-original-message-id"].StringValue);
        Assert.Equal(3, DetectorStack.Metric(output, Metric.Malformed));
        Assert.Contains("was dead-lettered before; not sent again", output.ToString(), StringComparison.Ordinal);
        Assert.All(await stack.FindingsAsync(), f => Assert.Equal(1, f.Count));
    }

    private async Task<string> FaultFreeTableAsync()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, _) = stack.Build(deadLetters: new SqsDeadLetterSink(stack.Sqs, stack.DeadLetterQueueUrl));
        Assert.Empty(SqsBatch.Failures(await handler.HandleAsync(SqsBatch.Event(Batch()), SqsBatch.Invocation(stack.Clock), CancellationToken.None)));
        return DetectorRedeliveryTests.Describe(await stack.FindingsAsync());
    }

    /// <summary>At the first matching DynamoDB request, moves the clock to the deadline and holds the request until it is cancelled.</summary>
    private sealed class DeadlineAtRequest(Func<string, string, bool> at, Action reachDeadline) : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool Reached { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
            var operation = target[(target.LastIndexOf('.') + 1)..];
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (!Reached && at(operation, body))
            {
                Reached = true;
                reachDeadline();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
