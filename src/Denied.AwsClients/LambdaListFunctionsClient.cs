using System.Globalization;
using System.Text.Json;

namespace Denied.AwsClients;

/// <summary>
/// Lambda ListFunctions over REST-JSON (<c>GET /2015-03-31/functions/?MaxItems=N[&amp;Marker=..]</c>, service
/// <c>lambda</c>), following NextMarker to the last page: the swap point for AWSSDK.Lambda, which the registry
/// here does not serve. Default endpoint <c>https://lambda.{region}.amazonaws.com/</c>; retries and errors as in
/// <see cref="SnsClient"/>, with Operation <c>ListFunctions</c>.
/// Tested (Denied.AwsClients.Tests): the captured GET's Authorization header is compared with botocore's for the
/// same URL (including an encoded Marker); pagination runs over scripted pages; functions created in moto are listed.
/// </summary>
public sealed class LambdaListFunctionsClient : LambdaInventory
{
    private const string Service = "lambda";
    private const string Operation = "ListFunctions";
    private const string ResourcePath = "/2015-03-31/functions/";

    private readonly Uri _endpoint;
    private readonly int _pageSize;
    private readonly AwsHttpPipeline _pipeline;

    /// <param name="pageSize">MaxItems per page, 1 to 50 (the API's limit); 50 by default.</param>
    public LambdaListFunctionsClient(
        AwsEndpointSettings settings,
        HttpClient http,
        AwsCredentialsSource credentials,
        TimeProvider? clock = null,
        AwsRetryPolicy? retry = null,
        int pageSize = 50)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 50);
        _endpoint = settings.EndpointFor(Service);
        _pageSize = pageSize;
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, Service, clock, retry);
    }

    public async Task<IReadOnlyList<LambdaFunctionSummary>> ListFunctionsAsync(CancellationToken ct)
    {
        var functions = new List<LambdaFunctionSummary>();
        var seenMarkers = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        do
        {
            var body = await _pipeline.SendAsync(BuildPage(_endpoint, _pageSize, marker), RestJsonErrors.Read, ct).ConfigureAwait(false);
            marker = ReadPage(body, functions);
            if (marker is not null && !seenMarkers.Add(marker))
            {
                // A marker seen before would page forever.
                throw new AwsServiceException(Operation, null, 200, null, false, "NextMarker repeated: pagination does not advance");
            }
        }
        while (marker is not null);

        return functions;
    }

    internal static AwsRequest BuildPage(Uri endpoint, int pageSize, string? marker)
    {
        var query = new List<KeyValuePair<string, string>> { new("MaxItems", pageSize.ToString(CultureInfo.InvariantCulture)) };
        if (marker is not null)
        {
            query.Add(new("Marker", marker));
        }

        return new AwsRequest(HttpMethod.Get, endpoint, ResourcePath, query, null, [], Operation, null);
    }

    /// <summary>Appends the page's functions and returns NextMarker (null on the last page).</summary>
    internal static string? ReadPage(byte[] body, List<LambdaFunctionSummary> into)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("the reply is not a JSON object");
            }

            if (root.TryGetProperty("Functions", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var f in list.EnumerateArray())
                {
                    if (Text(f, "FunctionName") is { } name && Text(f, "FunctionArn") is { } arn)
                    {
                        into.Add(new LambdaFunctionSummary(name, arn, Text(f, "Role") ?? string.Empty));
                    }
                }
            }

            return Text(root, "NextMarker") is { Length: > 0 } next ? next : null;
        }
        catch (JsonException ex)
        {
            throw new AwsServiceException(Operation, null, 200, null, false, "unreadable reply: " + ex.Message, ex);
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
