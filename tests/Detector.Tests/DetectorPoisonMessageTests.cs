using Denied.Detector;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// A poison message (SECURITY.md "Poison messages"): a denial whose finding DynamoDB can never store, here an
/// item over 400 KB because the denied S3 object key is 450 KB long (moto refuses it with the ValidationException
/// "Item size to update has exceeded the maximum allowed size", as DynamoDB does). That finding's messages go to
/// the dead-letter queue at once with the reason, are not returned to SQS, and every other finding of the same
/// batch is written.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorPoisonMessageTests(MotoServer moto)
{
    private const string PoisonSource = "8a119b9e-16bc-4732-8f7b-7676d015b0dc"; // orders-api GetObject AccessDenied

    // Other findings of the same sample log: a DynamoDB denial and an S3 ListObjects denial of orders-api.
    private static readonly string[] GoodEventIds = ["f1a38d32-6834-4c65-927c-b2382bedda16", "0c28cec1-b947-42af-a4b9-36976b4b76b0"];

    /// <summary>How the poison record is made, and the words of moto's (DynamoDB's) ValidationException.</summary>
    public static TheoryData<string, string> Poisons => new()
    {
        // The session name names the function: it lands in functionName, functionNames and the diagnosis, 3 × 150 KB.
        { "session-name-150kb", "exceeded the maximum allowed size" },
        // The event id keys its ledger entry (pk "E#" + id): a key over 2,048 bytes.
        { "event-id-3kb", "2048 bytes" },
    };

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task AFindingDynamoDbRefusesIsDeadLetteredWithTheReasonAndTheRestOfTheBatchIsWritten(string poisonKind, string refusal)
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var (handler, output) = await stack.ComposeAsync(deadLetter: true);
        var poison = new[] { "poison-1", "poison-2" }.Select(id =>
        {
            var record = SampleRecords.ById(PoisonSource);
            if (poisonKind == "event-id-3kb")
            {
                id += new string('e', 3 * 1024);
            }
            else
            {
                var identity = record["userIdentity"]!;
                identity["arn"] = ((string)identity["arn"]!).Replace("/orders-api", "/orders-api" + new string('s', 150 * 1024), StringComparison.Ordinal);
            }

            record["eventID"] = id;
            return (MessageId: "msg-" + id, Body: SampleRecords.Envelope(record));
        }).ToList();
        var good = SqsBatch.Messages(GoodEventIds.Select(SampleRecords.ById));

        var response = await handler(SqsBatch.Event([good[0], poison[0], .. good.Skip(1), poison[1]]), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        var dead = await stack.DrainAsync(stack.DeadLetterQueueUrl);
        Assert.Equal(poison.Select(p => p.MessageId).Order(StringComparer.Ordinal),
            dead.Select(d => d.MessageAttributes["denied-original-message-id"].StringValue).Order(StringComparer.Ordinal));
        Assert.All(dead, d =>
        {
            var reason = d.MessageAttributes["denied-reason"].StringValue;
            Assert.StartsWith("the finding cannot be stored: ", reason, StringComparison.Ordinal);
            Assert.Contains(refusal, reason, StringComparison.Ordinal);
            Assert.Equal(poison.Single(p => p.MessageId == d.MessageAttributes["denied-original-message-id"].StringValue).Body, d.Body);
        });

        var findings = await stack.FindingsAsync();
        Assert.Equal(good.Count, findings.Count);
        Assert.All(findings, f => Assert.Equal(1, f.Count));
        Assert.DoesNotContain(findings, f => f.Diagnosis.Action == "s3:GetObject");
        Assert.Equal(1, DetectorStack.Metric(output, Metric.StoreFailures));
        Assert.Equal(0, DetectorStack.Metric(output, Metric.MessagesRetried));
    }
}
