using System.Globalization;
using System.Text;

namespace Denied.AwsClients;

/// <summary>
/// SNS Publish over the query protocol (POST form body, XML reply), signed with AWSSDK.Core's AWS4Signer:
/// the swap point for AWSSDK.SimpleNotificationService, which the registry here does not serve.
/// Default endpoint <c>https://sns.{region}.amazonaws.com/</c>. Throttling, 5xx and connection failures are
/// retried per <see cref="AwsRetryPolicy"/> (3 retries by default); every failure surfaces as
/// <see cref="AwsServiceException"/> with Operation <c>Publish</c> and the topic ARN.
/// Tested (Denied.AwsClients.Tests): the exact bytes sent are captured and their Authorization header is
/// compared with botocore's for the same request, with and without a session token; the body is compared
/// with a literal; a moto topic delivers the message and attributes to an SQS subscriber; error mapping and
/// retries run against a scripted handler.
/// </summary>
public sealed class SnsClient : SnsPublisher
{
    private const string Service = "sns";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;

    /// <param name="settings">Region and optional endpoint override (moto, --endpoint-url).</param>
    /// <param name="http">A shared client; its Timeout bounds each attempt.</param>
    /// <param name="credentials">Usually <see cref="DefaultAwsCredentialsSource"/>.</param>
    /// <param name="clock">Signing time; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="retry"><see cref="AwsRetryPolicy.Default"/> when null.</param>
    public SnsClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _endpoint = settings.EndpointFor(Service);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, clock, retry);
    }

    public async Task<string> PublishAsync(SnsMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = BuildPublish(_endpoint, message);
        var body = await _pipeline.SendAsync(request, static (_, xml) => QueryProtocolXml.ReadError(xml), ct).ConfigureAwait(false);
        return QueryProtocolXml.FirstElementText(body, "MessageId") is { Length: > 0 } id
            ? id
            : throw new AwsServiceException("Publish", message.TopicArn, 200, null, false, "the reply had no MessageId");
    }

    /// <summary>The unsigned Publish request: form pairs sorted like the SDK's, RFC 3986-encoded.</summary>
    internal static AwsRequest BuildPublish(Uri endpoint, SnsMessage message)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", "Publish"),
            new("Version", "2010-03-31"),
            new("TopicArn", message.TopicArn),
            new("Message", message.Message),
        };
        if (message.Subject is not null)
        {
            form.Add(new("Subject", message.Subject));
        }

        if (message.JsonStructure)
        {
            form.Add(new("MessageStructure", "json"));
        }

        var n = 0;
        foreach (var (name, value) in message.StringAttributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var prefix = "MessageAttributes.entry." + (++n).ToString(CultureInfo.InvariantCulture);
            form.Add(new(prefix + ".Name", name));
            form.Add(new(prefix + ".Value.DataType", "String"));
            form.Add(new(prefix + ".Value.StringValue", value));
        }

        var body = Encoding.UTF8.GetBytes(FormEncoding.Encode(form));
        return new AwsRequest(HttpMethod.Post, endpoint, "/", [], FormContentType, body, "Publish", message.TopicArn);
    }
}
