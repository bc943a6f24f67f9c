using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Lambda GetPolicy over REST-JSON: <c>GET /2015-03-31/functions/{FunctionName}/policy[?Qualifier=…]</c> (Lambda API
/// reference, GetPolicy), returning the function's resource-based policy. <c>FunctionName</c> is the function ARN,
/// which works across accounts; a version or alias ARN is sent as the unqualified ARN plus <c>Qualifier</c>.
/// A function without a policy answers 404 ResourceNotFoundException "The resource you requested does not exist.",
/// a missing function the same code with "Function not found: …": the first is read as no policy (null), the
/// second stays an error. Tested: the signed URL against botocore; a moto function with and without a policy.
/// </summary>
public sealed class LambdaPolicyClient
{
    private const string Service = "lambda";
    private const string Operation = "GetPolicy";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;

    public LambdaPolicyClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _endpoint = settings.EndpointFor(Service);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, clock, retry);
    }

    public async Task<JsonObject?> GetFunctionPolicyAsync(string functionArn, CancellationToken ct)
    {
        byte[] body;
        try
        {
            body = await _pipeline.SendAsync(Build(_endpoint, functionArn), RestJsonErrors.Read, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.StatusCode == 404 && e.ErrorCode == "ResourceNotFoundException"
                                            && !e.Message.Contains("Function not found", StringComparison.Ordinal))
        {
            return null;
        }

        var reply = JsonProtocol.Parse(body, Operation, functionArn);
        return JsonProtocol.Text(reply, "Policy") is { Length: > 0 } policy ? PolicyDocumentText.Parse(policy, urlEncoded: false) : null;
    }

    /// <summary>arn:aws:lambda:region:account:function:name[:qualifier] → path with the unqualified ARN, Qualifier query.</summary>
    internal static AwsRequest Build(Uri endpoint, string functionArn)
    {
        var parts = functionArn.Split(':');
        var (name, qualifier) = parts.Length == 8 ? (string.Join(':', parts[..7]), parts[7]) : (functionArn, null);
        var query = qualifier is null ? [] : new List<KeyValuePair<string, string>> { new("Qualifier", qualifier) };
        var path = "/2015-03-31/functions/" + Uri.EscapeDataString(name) + "/policy";
        return new AwsRequest(HttpMethod.Get, endpoint, path, query, null, [], Operation, functionArn);
    }
}
