using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Secrets Manager GetResourcePolicy over JSON 1.1 (<c>X-Amz-Target: secretsmanager.GetResourcePolicy</c>, body
/// <c>{"SecretId": ARN}</c>; Secrets Manager API reference, GetResourcePolicy). The reply's <c>ResourcePolicy</c> is
/// the policy's JSON text, absent when the secret has none (null). Tested: request bytes and signature against
/// botocore; a moto secret with and without a policy.
/// </summary>
public sealed class SecretsManagerPolicyClient
{
    private const string Service = "secretsmanager";
    private const string Operation = "GetResourcePolicy";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;

    public SecretsManagerPolicyClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _endpoint = settings.EndpointFor(Service);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, clock, retry);
    }

    public async Task<JsonObject?> GetSecretPolicyAsync(string secretArn, CancellationToken ct)
    {
        var body = await _pipeline.SendAsync(Build(_endpoint, secretArn), RestJsonErrors.Read, ct).ConfigureAwait(false);
        var reply = JsonProtocol.Parse(body, Operation, secretArn);
        return JsonProtocol.Text(reply, "ResourcePolicy") is { Length: > 0 } policy ? PolicyDocumentText.Parse(policy, urlEncoded: false) : null;
    }

    internal static AwsRequest Build(Uri endpoint, string secretArn) =>
        JsonProtocol.Build(endpoint, "secretsmanager", Operation, new JsonObject { ["SecretId"] = secretArn }, secretArn);
}
