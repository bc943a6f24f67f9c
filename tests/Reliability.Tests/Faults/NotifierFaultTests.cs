using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Denied.LambdaRuntime;
using Denied.Notifier;
using Denied.TestSupport;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Faults;

/// <summary>
/// Faults on the Notifier's side (issue part 2): SNS and DynamoDB answering with throttling, 500s, resets and slow
/// responses, with the retry a DynamoDB stream mapping does (from the reported sequence number), deliver each
/// notification to the subscriber exactly once, as in a fault-free run. Faults that lose the answer of a Publish
/// that SNS did accept are left out: a standard topic has no idempotency key, so that window is at least once
/// (StreamRecordProcessor's contract).
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class NotifierFaultTests(MotoServer moto, ITestOutputHelper output)
{
    private const int MaxInvocations = 200;

    [Fact]
    public async Task ThirtyPercentInjectedSnsAndDynamoDbFaultsWithStreamRetryDeliverEachNotificationExactlyOnce()
    {
        var clean = await RunAsync(0);
        var faulty = await RunAsync(0.30);

        Assert.NotEmpty(clean);
        Assert.Equal(clean, faulty);
    }

    private async Task<List<string>> RunAsync(double rate)
    {
        var rig = await DetectorRig.CreateAsync(moto);
        using (var direct = DetectorRig.Dynamo(moto.EndpointUrl))
        {
            await Replay.DeliverAsync(rig, direct, Replay.SampleBatches());
        }

        var (topicArn, queueUrl) = await TopicWithSubscriberAsync();
        using var proxy = new FaultProxy(moto.EndpointUrl, 0, seed: 13,
            FaultKind.ProvisionedThroughputExceeded, FaultKind.Throttling, FaultKind.ServerError, FaultKind.ResetBeforeForward, FaultKind.Slow);
        var settings = new NotifierSettings(MotoServer.Region, DetectorRig.Table, topicArn, [100, 1000], "Denied", "denied-notifier", new Uri(proxy.Url));
        var handler = await NotifierComposition.InitAsync(settings, TextWriter.Null, rig.Clock, CancellationToken.None);
        using var dynamo = DetectorRig.Dynamo(moto.EndpointUrl);
        var findings = (await rig.Store(dynamo).QueryAsync(new Denied.Findings.FindingQuery { Limit = 1000 })).Items;
        var records = findings.OrderBy(f => f.Id, StringComparer.Ordinal).Select((f, i) => SampleFindings.StreamRecord(f, null, 1000 + i)).ToList();

        proxy.Rate = rate;
        var start = 0;
        var invocations = 0;
        while (start < records.Count)
        {
            Assert.True(++invocations <= MaxInvocations, "the stream batch never completed");
            var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray(records.Skip(start).Select(r => (JsonNode)r.DeepClone()).ToArray()) }.ToJsonString());
            try
            {
                using var response = System.Text.Json.JsonDocument.Parse(await handler(body, rig.Invocation(), CancellationToken.None));
                var failures = response.RootElement.GetProperty("batchItemFailures");
                start = failures.GetArrayLength() == 0 ? records.Count
                    : records.FindIndex(r => (string)r["dynamodb"]!["SequenceNumber"]! == failures[0].GetProperty("itemIdentifier").GetString());
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // A failed invocation: the mapping retries the same batch.
            }
        }

        proxy.Rate = 0;
        output.WriteLine($"notifier at {rate:P0}: {proxy.Requests} requests, {proxy.Injected} faults injected ({proxy.Breakdown()}), {invocations} invocations");
        return await ReceivedAsync(queueUrl);
    }

    /// <summary>(findingId, transition) of every message the subscriber queue received, sorted; duplicates kept.</summary>
    private async Task<List<string>> ReceivedAsync(string queueUrl)
    {
        using var sqs = Sqs();
        var received = new List<string>();
        while (true)
        {
            var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (page.Messages is not { Count: > 0 } messages)
            {
                break;
            }

            foreach (var m in messages)
            {
                var attributes = JsonNode.Parse(m.Body)!["MessageAttributes"]!;
                received.Add((string)attributes["findingId"]!["Value"]! + " " + (string)attributes["transition"]!["Value"]!);
                await sqs.DeleteMessageAsync(queueUrl, m.ReceiptHandle);
            }
        }

        return received.Order(StringComparer.Ordinal).ToList();
    }

    private async Task<(string TopicArn, string QueueUrl)> TopicWithSubscriberAsync()
    {
        using var sqs = Sqs();
        var queueUrl = (await sqs.CreateQueueAsync("denied-subscriber")).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"];
        const string script = "import boto3,sys\n"
            + "sns=boto3.client('sns',endpoint_url=sys.argv[1],region_name='us-east-1',aws_access_key_id='testing',aws_secret_access_key='testing')\n"
            + "t=sns.create_topic(Name='denied-findings')['TopicArn']\n"
            + "sns.subscribe(TopicArn=t,Protocol='sqs',Endpoint=sys.argv[2])\nprint(t)\n";
        var (code, stdout, stderr) = await Python.RunAsync(["-c", script, moto.EndpointUrl, queueArn]);
        Assert.True(code == 0, stderr);
        return (stdout.Trim(), queueUrl);
    }

    private AmazonSQSClient Sqs() => new(new BasicAWSCredentials("testing", "testing"),
        new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
}
