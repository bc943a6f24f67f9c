using System.Text;
using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Findings;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// CloudTrail events through moto's EventBridge (the rule with infra/event-pattern.json) into the buffer queue,
/// received as Lambda would, handled by the composed Detector, and checked in the findings table.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorEndToEndTests(MotoServer moto)
{
    private static readonly string PatternFile = RepoPaths.Combine("infra", "event-pattern.json");

    // Anchors that do not depend on how findings of unattributed callers are keyed.
    private static readonly (string Action, string Resource, string Function, long Count)[] Anchors =
    [
        ("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e-3b1d-4d7e-9a51-6c2f0e4b9d13", "payments-worker", 4),
        ("dynamodb:Query", "arn:aws:dynamodb:us-east-1:111122223333:table/reports/index/byDate", "report-builder", 3),
        ("s3:ListBucket", "arn:aws:s3:::acme-orders-prod", "orders-api", 3),
        ("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:thumbnail-results", "thumbnailer", 2),
        ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/stripe-AbCdEf", "payments-worker", 2),
        // The five invoices/2026/11/ objects are one finding keyed by the bucket.
        ("s3:GetObject", "arn:aws:s3:::acme-orders-prod/*", "orders-api", 5),
        ("xray:PutTraceSegments", "*", "orders-api", 1),
    ];

    [Fact]
    public async Task SampleDenialsPutOnEventBridgeBecomeFindingsWithTheirCounts()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var delivered = await PutThroughRuleAsync(stack, [.. SampleRecords.WithErrors, .. SampleRecords.Successful.Take(40)]);
        var (handler, output) = await stack.ComposeAsync();

        foreach (var batch in delivered.Chunk(10))
        {
            var response = await handler(SqsBatch.Event(batch.Select(m => (m.MessageId, m.Body))), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
            Assert.Empty(SqsBatch.Failures(response));
        }

        // The deployed pipeline finds what `denied scan` finds offline in the same logs (README's promise).
        var offline = OfflineScan();
        var findings = await stack.FindingsAsync();
        Assert.Equal(
            offline.Results().Select(f => $"{f.Id} {f.Count} {string.Join(",", f.Observation.FunctionNames)}").Order(StringComparer.Ordinal),
            findings.Select(f => $"{f.Id} {f.Count} {string.Join(",", f.FunctionNames)}").Order(StringComparer.Ordinal));
        foreach (var (action, resource, function, count) in Anchors)
        {
            Assert.Contains(findings, f => f.Key.Action == action && f.Key.Resource == resource && f.FunctionNames.SequenceEqual([function]) && f.Count == count);
        }

        Assert.All(findings, f => Assert.Equal(FindingStatus.Open, f.Status));
        Assert.Equal(offline.Results().Sum(f => f.Count), DetectorStack.Metric(output, "EventsCounted"));
        Assert.Equal(offline.Stats.IgnoredOtherPrincipal, DetectorStack.Metric(output, "IgnoredOtherPrincipal"));
        Assert.Equal(offline.Stats.Denied, DetectorStack.Metric(output, "DenialsSeen"));
    }

    [Fact]
    public async Task RuleDeliversEveryDenialAndNoSuccessfulOrMerelyFailedCall()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var delivered = await PutThroughRuleAsync(stack, [.. SampleRecords.WithErrors, .. SampleRecords.Successful.Take(40)]);

        var deliveredIds = delivered.Select(m => (string)JsonNode.Parse(m.Body)!["detail"]!["eventID"]!).Order(StringComparer.Ordinal);

        // A throttled PutItem and a missing key (NoSuchKey) are errors but not denials: the pattern leaves them out.
        var expectedIds = SampleRecords.WithErrors
            .Where(r => (string)r["errorCode"]! is not ("ThrottlingException" or "NoSuchKey"))
            .Select(SampleRecords.EventId).Order(StringComparer.Ordinal);
        Assert.Equal(expectedIds, deliveredIds);
        Assert.Equal(29, delivered.Count);
    }

    [Fact]
    public async Task MessagesDeliveredByTheRuleCarryTheCloudTrailEnvelopeTheDetectorParses()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        var kms = SampleRecords.ById("f1a38d32-6834-4c65-927c-b2382bedda16");
        var delivered = await PutThroughRuleAsync(stack, [kms]);

        var envelope = JsonNode.Parse(Assert.Single(delivered).Body)!;
        Assert.Equal("AWS API Call via CloudTrail", (string)envelope["detail-type"]!);
        Assert.Equal("aws.kms", (string)envelope["source"]!);

        var (handler, _) = await stack.ComposeAsync();
        await handler(SqsBatch.Event(delivered.Select(m => (m.MessageId, m.Body))), SqsBatch.Invocation(stack.Clock), CancellationToken.None);
        var finding = Assert.Single(await stack.FindingsAsync());
        Assert.Equal(["f1a38d32-6834-4c65-927c-b2382bedda16"], finding.SampleEventIds);
    }

    /// <summary>The offline scan of every sample record, without an inventory (the Detector's default).</summary>
    private static LogScanner OfflineScan()
    {
        var scanner = new LogScanner(new Diagnoser(IamCatalog.Default));
        foreach (var record in SampleRecords.All)
        {
            var parsed = CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(record.ToJsonString()));
            scanner.Add(InputItem.Of(SampleRecords.EventId(record), parsed.Record!));
        }

        return scanner;
    }

    /// <summary>Creates the rule on moto's default bus targeting the buffer queue, puts the records as events, and drains the queue.</summary>
    private static async Task<List<(string MessageId, string Body)>> PutThroughRuleAsync(DetectorStack stack, IReadOnlyList<JsonObject> records)
    {
        var queueArn = await DetectorStack.QueueArnAsync(stack.Sqs, stack.QueueUrl);
        var entries = new JsonArray([.. records.Select(r => (JsonNode)SampleRecords.PutEventsEntry(r))]);
        var script = RepoPaths.Combine("tests", "Detector.Tests", "Scripts", "eventbridge.py");
        var (code, stdout, stderr) = await Python.RunAsync([script, stack.Moto.EndpointUrl, queueArn, PatternFile], entries.ToJsonString());
        Assert.True(code == 0, "eventbridge.py failed: " + stderr);
        Assert.Equal(0, (int)JsonNode.Parse(stdout)!["failed"]!);
        return (await stack.DrainAsync(stack.QueueUrl, 1000)).Select(m => (m.MessageId, m.Body)).ToList();
    }
}
