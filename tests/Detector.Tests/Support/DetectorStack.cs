using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Denied.Detector;
using Denied.Findings;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;
using Denied.Store;
using Denied.TestSupport;

namespace Detector.Tests.Support;

/// <summary>
/// The Detector's piece of the deployed stack on an empty moto account: the findings table (from
/// FindingTableSchema, with TTL), the buffer queue with its dead-letter queue, and handlers built either by
/// the real composition root or, where a test needs a seam (fault injection, moto's transaction limit),
/// from the same public parts.
/// </summary>
public sealed class DetectorStack : IDisposable
{
    public const string Table = "denied-findings";

    /// <summary>moto 5.2 caps TransactWriteItems at 25 items (DynamoDB: 100).</summary>
    public static FindingStoreOptions MotoOptions { get; } = new() { TransactionMaxItems = 25 };

    private DetectorStack(MotoServer moto, AmazonDynamoDBClient dynamo, AmazonSQSClient sqs, string queueUrl, string deadLetterUrl)
    {
        Moto = moto;
        Dynamo = dynamo;
        Sqs = sqs;
        QueueUrl = queueUrl;
        DeadLetterQueueUrl = deadLetterUrl;
        Store = new FindingStore(dynamo, Table, Clock, MotoOptions);
    }

    public MotoServer Moto { get; }
    public AmazonDynamoDBClient Dynamo { get; }
    public AmazonSQSClient Sqs { get; }
    public string QueueUrl { get; }
    public string DeadLetterQueueUrl { get; }

    /// <summary>A day after the sample logs: fixed, so nothing in a test depends on the wall clock.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));

    /// <summary>A store on the table for assertions.</summary>
    public FindingStore Store { get; }

    public static async Task<DetectorStack> CreateAsync(MotoServer moto)
    {
        await moto.ResetAsync();
        var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonDynamoDBConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        await dynamo.CreateTableAsync(FindingTableSchema.CreateTableRequest(Table));
        await dynamo.UpdateTimeToLiveAsync(FindingTableSchema.TimeToLiveRequest(Table));
        var sqs = new AmazonSQSClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonSQSConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        var dlq = (await sqs.CreateQueueAsync("denied-buffer-dlq")).QueueUrl;
        var dlqArn = await QueueArnAsync(sqs, dlq);
        var queue = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "denied-buffer",
            Attributes = new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"5\"}}" },
        })).QueueUrl;
        return new DetectorStack(moto, dynamo, sqs, queue, dlq);
    }

    /// <summary>The Detector's environment as template.yaml sets it, pointed at moto; overrides replace or remove (null) variables.</summary>
    public Dictionary<string, string?> Environment(bool deadLetter = true, bool inventory = false) => new(StringComparer.Ordinal)
    {
        ["AWS_REGION"] = MotoServer.Region,
        ["FINDINGS_TABLE"] = Table,
        ["DEAD_LETTER_QUEUE_URL"] = deadLetter ? DeadLetterQueueUrl : null,
        ["INVENTORY_ENABLED"] = inventory ? "true" : "false",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "denied-detector",
        ["DENIED_AWS_ENDPOINT_URL"] = Moto.EndpointUrl,
    };

    /// <summary>The handler as the bootstrap gets it: DetectorComposition.InitAsync with settings read from the environment.</summary>
    public async Task<(InvocationHandler Handler, StringWriter Output)> ComposeAsync(bool deadLetter = true, bool inventory = false)
    {
        var output = new StringWriter();
        var settings = DetectorSettings.Read(new SettingsReader(Environment(deadLetter, inventory)));
        return (await DetectorComposition.InitAsync(settings, output, Clock, CancellationToken.None), output);
    }

    /// <summary>
    /// A handler wired like the composition root's, over a store whose DynamoDB client the test supplies (a
    /// fault-injecting one, or moto's transaction size), with no dead-letter queue unless given.
    /// </summary>
    public (DetectorHandler Handler, StringWriter Output) Build(IAmazonDynamoDB? dynamo = null, DeadLetterSink? deadLetters = null)
    {
        var output = new StringWriter();
        var store = new FindingStore(dynamo ?? Dynamo, Table, Clock, MotoOptions);
        var log = new JsonLog(output, "denied-detector");
        var metrics = new EmfMetrics(output, "Denied", "denied-detector", Clock);
        return (DetectorComposition.Handler(store, deadLetters, null, TimeSpan.FromMinutes(1), log, metrics, Clock), output);
    }

    /// <summary>A DynamoDB client on moto whose requests pass through <paramref name="faults"/>.</summary>
    public AmazonDynamoDBClient FaultyDynamo(HttpMessageHandler faults) =>
        new(new BasicAWSCredentials("testing", "testing"), new AmazonDynamoDBConfig
        {
            ServiceURL = Moto.EndpointUrl,
            AuthenticationRegion = MotoServer.Region,
            HttpClientFactory = new FaultInjectingHttpClientFactory(faults),
            MaxErrorRetry = 0,
        });

    /// <summary>Every finding in the table (any status), newest first, through the byStatus index.</summary>
    public async Task<IReadOnlyList<Finding>> FindingsAsync() =>
        (await Store.QueryAsync(new FindingQuery { Limit = 1000 })).Items;

    /// <summary>Up to <paramref name="max"/> messages waiting in a queue, with their attributes, deleted from it.</summary>
    public async Task<List<Message>> DrainAsync(string queueUrl, int max = 100)
    {
        var all = new List<Message>();
        while (all.Count < max)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["All"],
            });
            if (response.Messages is not { Count: > 0 } messages)
            {
                break;
            }

            all.AddRange(messages);
            foreach (var m in messages)
            {
                await Sqs.DeleteMessageAsync(queueUrl, m.ReceiptHandle);
            }
        }

        return all;
    }

    public static async Task<string> QueueArnAsync(IAmazonSQS sqs, string queueUrl) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"];

    /// <summary>The sum of one EMF metric over every metrics line the handler wrote.</summary>
    public static long Metric(StringWriter output, string name) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(line => line.ContainsKey("_aws") && line.ContainsKey(name))
            .Sum(line => (long)line[name]!);

    public void Dispose()
    {
        Dynamo.Dispose();
        Sqs.Dispose();
    }
}
