using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The IAM Access Troubleshooter (IAM Toolbox API, preview) over REST-JSON, hand-written because no .NET package
/// for it is served here. Service model facts (the published SDK models, aws-sdk-ruby <c>aws-sdk-iamtoolbox</c>):
/// endpoint <c>https://iam-toolbox.{region}.amazonaws.com</c> (regional: ask in the region of the denial), SigV4
/// signing name <c>iam</c>.
/// <list type="bullet">
/// <item>GetRequestAuthorizationDetails: <c>GET /authorization-details/{authorizationId}[?nextToken=…]</c>, id pattern
/// <c>[0123456789abcdefghijklmnopqrstuvwxyz]+</c>; reply <c>requestContext</c>, <c>evaluations[]</c>, <c>policies[]</c>,
/// <c>nextToken</c>. Pages are joined. ResourceNotFoundException on a first try is normal (records are written
/// asynchronously): it is retried with exponential delays up to a bound, then reported as not available.</item>
/// <item>GetRequestAuthorizationPolicy: <c>GET /authorization-details/{authorizationId}/policy?policyUri=…</c>, "returns
/// the structured JSON document of the policy that was captured with the original authorization request". The
/// reply member that carries the document is not named in the pages this was built from, so
/// <see cref="GetRequestAuthorizationPolicyAsync"/> returns the whole reply object, and
/// <see cref="CapturedDocument"/> takes the document only where it is unambiguous.</item>
/// </list>
/// Permissions: <c>iam:GetRequestAuthorizationDetails</c>, <c>iam:GetRequestAuthorizationPolicy</c>.
/// Tested: the signed requests against botocore's SigV4 for the same bytes; documented reply shapes served by a
/// loopback server (no local emulator has this service).
/// </summary>
public sealed class AccessTroubleshooterClient
{
    private const string EndpointPrefix = "iam-toolbox";
    private const string SigningName = "iam";
    private const string DetailsOperation = "GetRequestAuthorizationDetails";
    private const string PolicyOperation = "GetRequestAuthorizationPolicy";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;
    private readonly AwsRetryPolicy _notFoundRetry;

    /// <param name="notFoundRetry">
    /// How often and how long to wait when the record is not there yet: by default 4 more tries after 1, 2, 4 and
    /// 8 s (15 s in all). Delays are exponential without jitter, capped at MaxDelay.
    /// </param>
    public AccessTroubleshooterClient(
        AwsEndpointSettings settings,
        HttpClient http,
        AwsCredentialsSource credentials,
        TimeProvider? clock = null,
        AwsRetryPolicy? retry = null,
        AwsRetryPolicy? notFoundRetry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _notFoundRetry = notFoundRetry ?? new AwsRetryPolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
        _notFoundRetry.Validate();
        _endpoint = settings.EndpointFor(EndpointPrefix);
        _pipeline = AwsHttpPipeline.For(http, credentials, settings.Region, SigningName, clock, retry);
    }

    /// <summary>True when <paramref name="authorizationId"/> matches the documented pattern (1 to 256 of 0-9, a-z).</summary>
    public static bool IsValidAuthorizationId(string? authorizationId) =>
        authorizationId is { Length: > 0 and <= 256 } && authorizationId.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    public async Task<AuthorizationDetailsLookup> GetRequestAuthorizationDetailsAsync(string authorizationId, CancellationToken ct)
    {
        RequireValid(authorizationId);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new AuthorizationDetailsLookup(await ReadAllPagesAsync(authorizationId, ct).ConfigureAwait(false), attempt + 1, null);
            }
            catch (AwsServiceException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                if (attempt >= _notFoundRetry.MaxRetries)
                {
                    return new AuthorizationDetailsLookup(null, attempt + 1, e.Message);
                }
            }

            var delay = Math.Min(_notFoundRetry.MaxDelay.TotalMilliseconds, _notFoundRetry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
            await _notFoundRetry.Delay(TimeSpan.FromMilliseconds(delay), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The whole GetRequestAuthorizationPolicy reply for one <paramref name="policyUri"/> from the details.</summary>
    public async Task<JsonObject> GetRequestAuthorizationPolicyAsync(string authorizationId, string policyUri, CancellationToken ct)
    {
        RequireValid(authorizationId);
        ArgumentException.ThrowIfNullOrEmpty(policyUri);
        var body = await _pipeline.SendAsync(BuildPolicy(_endpoint, authorizationId, policyUri), RestJsonErrors.Read, ct).ConfigureAwait(false);
        return JsonProtocol.Parse(body, PolicyOperation, policyUri);
    }

    /// <summary>
    /// The policy document inside a GetRequestAuthorizationPolicy reply, where that is unambiguous: the reply itself
    /// when it has a <c>Statement</c>, else its only member whose value is an object with a <c>Statement</c>; else null.
    /// </summary>
    public static JsonObject? CapturedDocument(JsonObject reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.ContainsKey("Statement"))
        {
            return reply;
        }

        var candidates = reply.Select(p => p.Value).OfType<JsonObject>().Where(o => o.ContainsKey("Statement")).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    internal static AwsRequest BuildDetails(Uri endpoint, string authorizationId, string? nextToken)
    {
        var query = nextToken is null ? [] : new List<KeyValuePair<string, string>> { new("nextToken", nextToken) };
        return new AwsRequest(HttpMethod.Get, endpoint, "/authorization-details/" + authorizationId, query, null, [], DetailsOperation, authorizationId);
    }

    internal static AwsRequest BuildPolicy(Uri endpoint, string authorizationId, string policyUri) =>
        new(HttpMethod.Get, endpoint, "/authorization-details/" + authorizationId + "/policy", [new("policyUri", policyUri)], null, [], PolicyOperation, policyUri);

    private async Task<AuthorizationDetails> ReadAllPagesAsync(string authorizationId, CancellationToken ct)
    {
        JsonObject? context = null;
        var evaluations = new List<AuthorizationEvaluation>();
        var policies = new List<AuthorizationPolicyInfo>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var body = await _pipeline.SendAsync(BuildDetails(_endpoint, authorizationId, token), RestJsonErrors.Read, ct).ConfigureAwait(false);
            var page = JsonProtocol.Parse(body, DetailsOperation, authorizationId);
            context ??= page["requestContext"] as JsonObject;
            evaluations.AddRange((page["evaluations"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadEvaluation));
            policies.AddRange((page["policies"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadPolicyInfo));
            token = JsonProtocol.Text(page, "nextToken") is { Length: > 0 } next ? next : null;
            if (token is not null && !tokens.Add(token))
            {
                throw new AwsServiceException(DetailsOperation, authorizationId, 200, null, false, "nextToken repeated: pagination does not advance");
            }
        }
        while (token is not null);

        return new AuthorizationDetails((JsonObject?)context?.DeepClone() ?? [], evaluations, policies);
    }

    private static AuthorizationEvaluation ReadEvaluation(JsonObject e) => new(
        JsonProtocol.Text(e, "action") ?? string.Empty,
        JsonProtocol.Text(e, "resource") ?? string.Empty,
        e["context"]?.DeepClone() as JsonObject,
        JsonProtocol.Text(e, "evaluatedEffect"),
        (e["matchedPolicies"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => new AuthorizationMatchedPolicy(
                JsonProtocol.Text(p, "uri") ?? string.Empty,
                (p["matchedStatements"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(s => new AuthorizationMatchedStatement(JsonProtocol.Text(s, "sid"), JsonProtocol.Text(s, "evaluatedEffect")))
                    .ToList()))
            .ToList());

    private static AuthorizationPolicyInfo ReadPolicyInfo(JsonObject p) => new(
        JsonProtocol.Text(p, "type"),
        p["inline"] is JsonValue v && v.TryGetValue<bool>(out var inline) ? inline : null,
        JsonProtocol.Text(p, "uri"),
        (p["attachedTo"] as JsonArray ?? []).OfType<JsonObject>().Select(a => JsonProtocol.Text(a, "arn")).OfType<string>().ToList());

    private static void RequireValid(string authorizationId)
    {
        if (!IsValidAuthorizationId(authorizationId))
        {
            throw new ArgumentException("An authorization ID is 1 to 256 characters of 0-9 and a-z.", nameof(authorizationId));
        }
    }
}
