using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Denied.Store;
using Denied.TestSupport;

namespace Notifier.Tests;

/// <summary>A fresh moto account with the findings table (stream on), a topic and a subscribed queue.</summary>
internal sealed class NotifierTable(MotoServer moto, AmazonDynamoDBClient dynamo, FindingStore store, string topicArn, string queueUrl)
{
    public const string Name = "denied-findings";

    public AmazonDynamoDBClient Dynamo => dynamo;
    public Uri Endpoint => moto.Endpoint;
    public FindingStore Store => store;
    public string TopicArn => topicArn;
    public string QueueUrl => queueUrl;

    public static async Task<NotifierTable> CreateAsync(MotoServer moto)
    {
        await moto.ResetAsync();
        var dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials("testing", "testing"),
            new AmazonDynamoDBConfig { ServiceURL = moto.EndpointUrl, AuthenticationRegion = MotoServer.Region });
        await dynamo.CreateTableAsync(FindingTableSchema.CreateTableRequest(Name));
        var (topic, queue) = await MotoAws.CreateTopicWithQueueAsync(moto);
        return new NotifierTable(moto, dynamo, new FindingStore(dynamo, Name, TimeProvider.System), topic, queue);
    }

    /// <summary>The state of a notification marker ("claimed", "sent"), or null when there is none.</summary>
    public async Task<string?> MarkerStateAsync(string findingId, string transition)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Name,
            ConsistentRead = true,
            Key = new() { ["pk"] = new AttributeValue { S = "F#" + findingId }, ["sk"] = new AttributeValue { S = "NOTIFY#" + transition } },
        });
        return response.Item is { Count: > 0 } item ? item["state"].S : null;
    }

    public Task<System.Text.Json.Nodes.JsonArray> StreamAsync() => MotoAws.StreamRecordsAsync(moto, Name);
}
