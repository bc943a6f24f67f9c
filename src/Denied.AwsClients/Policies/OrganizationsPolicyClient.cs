using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The Organizations reads that place an account in its organization and name the SCPs and RCPs above it, over
/// JSON 1.1 (<c>X-Amz-Target: AWSOrganizationsV20161128.{Operation}</c>; AWS Organizations API reference):
/// ListParents (<c>ChildId</c> → <c>Parents[{Id, Type}]</c>), ListPoliciesForTarget (<c>TargetId</c>, <c>Filter</c>
/// → <c>Policies[{Id, …}]</c>, following NextToken) and DescribePolicy (<c>PolicyId</c> →
/// <c>Policy{PolicySummary{Id, Arn, Name, Type}, Content}</c>). Organizations has one endpoint per partition
/// (<see cref="GlobalServiceEndpoint"/>). These calls work from the management account or a delegated
/// administrator; elsewhere they are refused (AccessDeniedException, AWSOrganizationsNotInUseException).
/// Tested: request bytes and signature against botocore; an organization with OUs, SCPs and RCPs in moto.
/// </summary>
public sealed class OrganizationsPolicyClient
{
    private const string Service = "organizations";
    private const string TargetPrefix = "AWSOrganizationsV20161128";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;

    public OrganizationsPolicyClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (endpoint, signingRegion) = GlobalServiceEndpoint.Organizations(settings);
        _endpoint = endpoint;
        _pipeline = AwsHttpPipeline.For(http, credentials, signingRegion, Service, clock, retry);
    }

    public async Task<IReadOnlyList<OrganizationsParent>> ListParentsAsync(string childId, CancellationToken ct)
    {
        var parents = new List<OrganizationsParent>();
        await PageAsync("ListParents", new JsonObject { ["ChildId"] = childId }, childId, reply =>
        {
            foreach (var p in (reply["Parents"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (JsonProtocol.Text(p, "Id") is { } id)
                {
                    parents.Add(new OrganizationsParent(id, JsonProtocol.Text(p, "Type") ?? string.Empty));
                }
            }
        }, ct).ConfigureAwait(false);
        return parents;
    }

    /// <summary>The ids of the policies of <paramref name="type"/> (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY) attached directly to the target.</summary>
    public async Task<IReadOnlyList<string>> ListPoliciesForTargetAsync(string targetId, string type, CancellationToken ct)
    {
        var ids = new List<string>();
        await PageAsync("ListPoliciesForTarget", new JsonObject { ["TargetId"] = targetId, ["Filter"] = type }, targetId, reply =>
        {
            foreach (var p in (reply["Policies"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (JsonProtocol.Text(p, "Id") is { } id)
                {
                    ids.Add(id);
                }
            }
        }, ct).ConfigureAwait(false);
        return ids;
    }

    public async Task<OrganizationsPolicy> DescribePolicyAsync(string policyId, CancellationToken ct)
    {
        const string operation = "DescribePolicy";
        var body = await _pipeline.SendAsync(Build(_endpoint, operation, new JsonObject { ["PolicyId"] = policyId }, policyId), RestJsonErrors.Read, ct)
            .ConfigureAwait(false);
        var reply = JsonProtocol.Parse(body, operation, policyId);
        var policy = reply["Policy"] as JsonObject ?? throw Unreadable(operation, policyId, "no Policy object");
        var summary = policy["PolicySummary"] as JsonObject ?? throw Unreadable(operation, policyId, "no PolicySummary object");
        var content = JsonProtocol.Text(policy, "Content") ?? throw Unreadable(operation, policyId, "no Content");
        return new OrganizationsPolicy(
            JsonProtocol.Text(summary, "Id") ?? policyId,
            JsonProtocol.Text(summary, "Arn") ?? string.Empty,
            JsonProtocol.Text(summary, "Name") ?? string.Empty,
            JsonProtocol.Text(summary, "Type") ?? string.Empty,
            PolicyDocumentText.Parse(content, urlEncoded: false));
    }

    internal static AwsRequest Build(Uri endpoint, string operation, JsonObject body, string? arn) =>
        JsonProtocol.Build(endpoint, TargetPrefix, operation, body, arn);

    internal Uri Endpoint => _endpoint;

    private async Task PageAsync(string operation, JsonObject request, string target, Action<JsonObject> read, CancellationToken ct)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var body = (JsonObject)request.DeepClone();
            if (token is not null)
            {
                body["NextToken"] = token;
            }

            var reply = JsonProtocol.Parse(
                await _pipeline.SendAsync(Build(_endpoint, operation, body, target), RestJsonErrors.Read, ct).ConfigureAwait(false), operation, target);
            read(reply);
            token = JsonProtocol.Text(reply, "NextToken") is { Length: > 0 } next ? next : null;
            if (token is not null && !tokens.Add(token))
            {
                throw Unreadable(operation, target, "NextToken repeated: pagination does not advance");
            }
        }
        while (token is not null);
    }

    private static AwsServiceException Unreadable(string operation, string? arn, string detail) =>
        new(operation, arn, 200, null, false, "unreadable reply: " + detail);
}
