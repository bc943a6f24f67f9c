using System.Text.Json;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests;

/// <summary>SnsClient against moto: a topic with an SQS subscriber receives what was published, attributes intact.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class SnsClientMotoTests(MotoServer moto) : IAsyncLifetime
{
    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PublishJsonStructure_ReachesTheSqsSubscriber_WithItsProtocolMessageSubjectAndAttributes()
    {
        using var setup = JsonDocument.Parse(await MotoPython.RunAsync(moto, """
            sqs = boto3.client("sqs", **kw); sns = boto3.client("sns", **kw)
            q = sqs.create_queue(QueueName="findings")["QueueUrl"]
            qa = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            t = sns.create_topic(Name="denied-findings")["TopicArn"]
            sns.subscribe(TopicArn=t, Protocol="sqs", Endpoint=qa)
            print(json.dumps({"topic": t, "queue": q}))
            """));
        var topicArn = setup.RootElement.GetProperty("topic").GetString()!;
        var queueUrl = setup.RootElement.GetProperty("queue").GetString()!;
        using var http = new HttpClient();
        var client = new SnsClient(new AwsEndpointSettings(MotoServer.Region, moto.Endpoint), http, new StaticAwsCredentialsSource("testing", "testing"));
        const string forSqs = """{"id":"f-1","text":"a+b = 100% & <@here> é 🚀\nline two"}""";
        var structured = new System.Text.Json.Nodes.JsonObject { ["default"] = "plain text", ["sqs"] = forSqs }.ToJsonString();

        var messageId = await client.PublishAsync(
            new SnsMessage(topicArn, structured, "Denied finding", true, new Dictionary<string, string> { ["severity"] = "high", ["finding-id"] = "abc+/==" }),
            CancellationToken.None);

        var received = await MotoPython.RunAsync(moto, $$"""
            sqs = boto3.client("sqs", **kw)
            m = sqs.receive_message(QueueUrl="{{queueUrl}}", MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            print(json.dumps([x["Body"] for x in m]))
            """);
        using var bodies = JsonDocument.Parse(received);
        using var envelope = JsonDocument.Parse(Assert.Single(bodies.RootElement.EnumerateArray()).GetString()!);
        var root = envelope.RootElement;
        Assert.Equal("Notification", root.GetProperty("Type").GetString());
        Assert.Equal(messageId, root.GetProperty("MessageId").GetString());
        Assert.Equal(topicArn, root.GetProperty("TopicArn").GetString());
        Assert.Equal("Denied finding", root.GetProperty("Subject").GetString());
        Assert.Equal(forSqs, root.GetProperty("Message").GetString());
        var attributes = root.GetProperty("MessageAttributes");
        Assert.Equal("String", attributes.GetProperty("severity").GetProperty("Type").GetString());
        Assert.Equal("high", attributes.GetProperty("severity").GetProperty("Value").GetString());
        Assert.Equal("abc+/==", attributes.GetProperty("finding-id").GetProperty("Value").GetString());
    }

    [Fact]
    public async Task PublishToAMissingTopic_IsANonTransientErrorNamingTheTopic()
    {
        using var http = new HttpClient();
        var client = new SnsClient(new AwsEndpointSettings(MotoServer.Region, moto.Endpoint), http, new StaticAwsCredentialsSource("testing", "testing"));
        const string missing = "arn:aws:sns:us-east-1:123456789012:does-not-exist";

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.PublishAsync(new SnsMessage(missing, "x", null, false, new Dictionary<string, string>()), CancellationToken.None));

        Assert.Equal(("Publish", missing, false), (ex.Operation, ex.ResourceArn, ex.IsTransient));
        Assert.Equal("NotFound", ex.ErrorCode);
    }
}
