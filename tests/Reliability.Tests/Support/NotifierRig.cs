using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Denied.AwsClients;
using Denied.LambdaRuntime.Observability;
using Denied.Notifier;
using Denied.TestSupport;

namespace Reliability.Tests.Support;

/// <summary>
/// The Notifier on moto: the findings table (for its markers), a topic with an SQS subscriber, and a handler wired
/// as NotifierComposition wires it but with the retry counts the test chooses, over any endpoint (moto, or the
/// fault proxy). Runs a stream batch as the event source mapping does: on a reported batch item failure, again
/// from that sequence number; on a failed invocation, the whole batch again.
/// </summary>
public sealed class NotifierRig
{
    public const int MaxInvocations = 2000;

    private static readonly long[] Thresholds = [100, 1000];

    private readonly MotoServer _moto;
    private readonly DetectorRig _table;
    private readonly string _topicArn;
    private readonly string _queueUrl;

    private NotifierRig(MotoServer moto, DetectorRig table, string topicArn, string queueUrl) =>
        (_moto, _table, _topicArn, _queueUrl) = (moto, table, topicArn, queueUrl);

    public static async Task<NotifierRig> CreateAsync(MotoServer moto)
    {
        var table = await DetectorRig.CreateAsync(moto);
        using var sqs = Sqs(moto);
        var queueUrl = (await sqs.CreateQueueAsync("denied-subscriber")).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"];
        const string script = "import boto3,sys\n"
            + "sns=boto3.client('sns',endpoint_url=sys.argv[1],region_name='us-east-1',aws_access_key_id='testing',aws_secret_access_key='testing')\n"
            + "t=sns.create_topic(Name='denied-findings')['TopicArn']\n"
            + "sns.subscribe(TopicArn=t,Protocol='sqs',Endpoint=sys.argv[2])\nprint(t)\n";
        var (code, stdout, stderr) = await Python.RunAsync(["-c", script, moto.EndpointUrl, queueArn]);
        Assert.True(code == 0, stderr);
        return new NotifierRig(moto, table, stdout.Trim(), queueUrl);
    }

    /// <summary>
    /// Delivers <paramref name="records"/> as one stream batch until every record is done, with DynamoDB's
    /// MaxErrorRetry and SnsClient's MaxRetries set to <paramref name="clientRetries"/>. Returns the number of
    /// invocations and everything the function wrote (logs and EMF metrics).
    /// </summary>
    public async Task<(int Invocations, string Output)> RunAsync(string endpoint, IReadOnlyList<JsonObject> records, int clientRetries)
    {
        using var output = new StringWriter();
        using var dynamo = DetectorRig.Dynamo(endpoint, maxErrorRetry: clientRetries);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sns = new SnsClient(new AwsEndpointSettings(MotoServer.Region, new Uri(endpoint)), http,
            new StaticAwsCredentialsSource("testing", "testing"), _table.Clock,
            new AwsRetryPolicy(clientRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)));
        var log = new JsonLog(output, "denied-notifier");
        var metrics = new EmfMetrics(output, "Denied", "denied-notifier", _table.Clock);
        var processor = new StreamRecordProcessor(_table.Store(dynamo), sns, _topicArn, Thresholds, log, metrics);
        var handler = new NotifierHandler(processor, log, metrics, _table.Clock);

        var start = 0;
        var invocations = 0;
        while (start < records.Count)
        {
            Assert.True(++invocations <= MaxInvocations, "the stream batch never completed");
            var body = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray(records.Skip(start).Select(r => (JsonNode)r.DeepClone()).ToArray()) }.ToJsonString());
            try
            {
                using var response = JsonDocument.Parse(await handler.HandleAsync(body, _table.Invocation(), CancellationToken.None));
                var failures = response.RootElement.GetProperty("batchItemFailures");
                start = failures.GetArrayLength() == 0 ? records.Count
                    : records.ToList().FindIndex(r => (string)r["dynamodb"]!["SequenceNumber"]! == failures[0].GetProperty("itemIdentifier").GetString());
                Assert.True(start >= 0, "the reported sequence number is not in the batch");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // A failed invocation: the mapping retries the same batch.
            }
        }

        return (invocations, output.ToString());
    }

    /// <summary>"findingId transition" of every message the subscriber queue received, sorted; duplicates kept.</summary>
    public async Task<List<string>> ReceivedAsync()
    {
        using var sqs = Sqs(_moto);
        var received = new List<string>();
        while (true)
        {
            var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (page.Messages is not { Count: > 0 } messages)
            {
                break;
            }

            foreach (var m in messages)
            {
                var attributes = JsonNode.Parse(m.Body)!["MessageAttributes"]!;
                received.Add((string)attributes["findingId"]!["Value"]! + " " + (string)attributes["transition"]!["Value"]!);
                await sqs.DeleteMessageAsync(_queueUrl, m.ReceiptHandle);
            }
        }

        return received.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>"findingId transition" of a Publish request body (query protocol form), as <see cref="ReceivedAsync"/> names it.</summary>
    public static string NotificationOf(string publishBody)
    {
        var form = publishBody.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        string Attribute(string name) =>
            form[form.Single(p => p.Key.EndsWith(".Name", StringComparison.Ordinal) && p.Value == name).Key.Replace(".Name", ".Value.StringValue", StringComparison.Ordinal)];
        return Attribute("findingId") + " " + Attribute("transition");
    }

    private static AmazonSQSClient Sqs(MotoServer moto) => new(new BasicAWSCredentials("testing", "testing"),
        new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
}
