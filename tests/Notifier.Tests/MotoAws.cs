using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.TestSupport;

namespace Notifier.Tests;

/// <summary>SNS topic, SQS subscriber and DynamoDB Streams reads on moto, through boto3 (Scripts/moto_aws.py).</summary>
internal static class MotoAws
{
    private static readonly string Script = RepoPaths.Combine("tests", "Notifier.Tests", "Scripts", "moto_aws.py");

    public static async Task<(string TopicArn, string QueueUrl)> CreateTopicWithQueueAsync(MotoServer moto)
    {
        using var doc = JsonDocument.Parse(await RunAsync("setup", moto.EndpointUrl));
        return (doc.RootElement.GetProperty("topicArn").GetString()!, doc.RootElement.GetProperty("queueUrl").GetString()!);
    }

    /// <summary>Every record of the table's stream so far, as the Records of a Lambda stream event.</summary>
    public static async Task<JsonArray> StreamRecordsAsync(MotoServer moto, string table)
    {
        var node = JsonNode.Parse(await RunAsync("stream", moto.EndpointUrl, table))!;
        return node["Records"]!.AsArray();
    }

    /// <summary>The messages waiting in the queue (SNS notification envelopes), removed from it.</summary>
    public static async Task<IReadOnlyList<JsonNode>> ReceiveAsync(MotoServer moto, string queueUrl)
    {
        var node = JsonNode.Parse(await RunAsync("receive", moto.EndpointUrl, queueUrl))!;
        return node.AsArray().Select(m => JsonNode.Parse(m!["body"]!.GetValue<string>())!).ToList();
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        var (code, stdout, stderr) = await Python.RunAsync([Script, .. args]);
        Assert.True(code == 0, $"moto_aws.py {args[0]} failed: {stderr}");
        return stdout;
    }
}
