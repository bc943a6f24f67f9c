using System.Text;
using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// SNS GetTopicAttributes over the query protocol (POST form, <c>Version=2010-03-31</c>), returning the topic's
/// <c>Policy</c> attribute (SNS API reference, GetTopicAttributes: "Policy – The JSON serialization of the topic's
/// access control policy"). Every topic has one (SNS writes a default policy); null when the attribute is missing.
/// Tested: request bytes and signature against botocore; a moto topic's policy.
/// </summary>
public sealed class SnsTopicPolicyClient
{
    private const string Service = "sns";
    private const string Operation = "GetTopicAttributes";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;

    public SnsTopicPolicyClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _endpoint = settings.EndpointFor(Service);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, clock, retry);
    }

    public async Task<JsonObject?> GetTopicPolicyAsync(string topicArn, CancellationToken ct)
    {
        var body = await _pipeline.SendAsync(Build(_endpoint, topicArn), static (_, xml) => QueryProtocolXml.ReadError(xml), ct).ConfigureAwait(false);
        var reply = QueryXml.Load(body, Operation, topicArn);
        var policy = reply.Find("Attributes")?.Children("entry").FirstOrDefault(e => e.ChildText("key") == "Policy")?.ChildText("value");
        return policy is { Length: > 0 } ? PolicyDocumentText.Parse(policy, urlEncoded: false) : null;
    }

    internal static AwsRequest Build(Uri endpoint, string topicArn)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", Operation), new("Version", "2010-03-31"), new("TopicArn", topicArn) };
        return new AwsRequest(HttpMethod.Post, endpoint, "/", [], FormContentType, Encoding.UTF8.GetBytes(FormEncoding.Encode(form)), Operation, topicArn);
    }
}
