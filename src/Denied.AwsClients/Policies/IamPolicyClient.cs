using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The IAM reads a role's policies need, over the query protocol (POST form, <c>Version=2010-05-08</c>, XML
/// reply; IAM API reference, "Making query requests"): GetRole, ListRolePolicies, GetRolePolicy,
/// ListAttachedRolePolicies, GetPolicy, GetPolicyVersion. The list calls follow Marker while IsTruncated is true.
/// Documents come back URL-encoded and are decoded (<see cref="PolicyDocumentText"/>). IAM has one endpoint per
/// partition (<see cref="GlobalServiceEndpoint"/>). Errors surface as <see cref="AwsServiceException"/> naming the
/// operation and the role or policy ARN; throttling and 5xx are retried per <see cref="AwsRetryPolicy"/>.
/// Tested (Denied.AwsClients.Tests): each request's bytes and Authorization header against botocore's for the
/// same request; every operation against moto.
/// </summary>
public sealed class IamPolicyClient
{
    private const string Service = "iam";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly Uri _endpoint;
    private readonly AwsHttpPipeline _pipeline;

    public IamPolicyClient(
        AwsEndpointSettings settings, HttpClient http, AwsCredentialsSource credentials, TimeProvider? clock = null, AwsRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (endpoint, signingRegion) = GlobalServiceEndpoint.Iam(settings);
        _endpoint = endpoint;
        _pipeline = AwsHttpPipeline.For(http, credentials, signingRegion, Service, clock, retry);
    }

    public async Task<IamRole> GetRoleAsync(string roleName, string roleArn, CancellationToken ct)
    {
        var reply = await SendAsync("GetRole", [new("RoleName", roleName)], roleArn, ct).ConfigureAwait(false);
        var role = reply.Find("Role") ?? throw Unreadable("GetRole", roleArn, "no Role element");
        var trust = role.ChildText("AssumeRolePolicyDocument") is { Length: > 0 } t ? PolicyDocumentText.Parse(t, urlEncoded: true) : null;
        var tags = role.Find("Tags")?.Children("member")
            .Select(m => new KeyValuePair<string, string>(m.ChildText("Key") ?? string.Empty, m.ChildText("Value") ?? string.Empty))
            .ToList() ?? [];
        return new IamRole(
            role.ChildText("Path") ?? "/",
            role.ChildText("RoleName") ?? roleName,
            role.ChildText("RoleId") ?? string.Empty,
            role.ChildText("Arn") ?? roleArn,
            trust,
            role.Find("PermissionsBoundary")?.ChildText("PermissionsBoundaryArn"),
            tags);
    }

    public Task<IReadOnlyList<string>> ListRolePoliciesAsync(string roleName, string roleArn, CancellationToken ct) =>
        ListAsync("ListRolePolicies", roleName, roleArn, reply => reply.Find("PolicyNames")?.Children("member").Select(m => m.Value) ?? [], ct);

    public async Task<JsonObject> GetRolePolicyAsync(string roleName, string roleArn, string policyName, CancellationToken ct)
    {
        var reply = await SendAsync("GetRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], roleArn, ct).ConfigureAwait(false);
        var text = reply.Find("PolicyDocument")?.Value ?? throw Unreadable("GetRolePolicy", roleArn, "no PolicyDocument element");
        return PolicyDocumentText.Parse(text, urlEncoded: true);
    }

    public Task<IReadOnlyList<IamAttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, string roleArn, CancellationToken ct) =>
        ListAsync(
            "ListAttachedRolePolicies",
            roleName,
            roleArn,
            reply => reply.Find("AttachedPolicies")?.Children("member")
                .Select(m => new IamAttachedPolicy(m.ChildText("PolicyName") ?? string.Empty, m.ChildText("PolicyArn") ?? string.Empty)) ?? [],
            ct);

    public async Task<IamManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken ct)
    {
        var reply = await SendAsync("GetPolicy", [new("PolicyArn", policyArn)], policyArn, ct).ConfigureAwait(false);
        var policy = reply.Find("Policy") ?? throw Unreadable("GetPolicy", policyArn, "no Policy element");
        return new IamManagedPolicy(
            policy.ChildText("PolicyName") ?? string.Empty,
            policy.ChildText("PolicyId") ?? string.Empty,
            policy.ChildText("Arn") ?? policyArn,
            policy.ChildText("Path") ?? "/",
            policy.ChildText("DefaultVersionId") ?? throw Unreadable("GetPolicy", policyArn, "no DefaultVersionId"));
    }

    public async Task<JsonObject> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken ct)
    {
        var reply = await SendAsync("GetPolicyVersion", [new("PolicyArn", policyArn), new("VersionId", versionId)], policyArn, ct).ConfigureAwait(false);
        var text = reply.Find("Document")?.Value ?? throw Unreadable("GetPolicyVersion", policyArn, "no Document element");
        return PolicyDocumentText.Parse(text, urlEncoded: true);
    }

    /// <summary>The unsigned request: Action, Version and the parameters, form-encoded and sorted like botocore's.</summary>
    internal static AwsRequest Build(Uri endpoint, string action, IEnumerable<KeyValuePair<string, string>> parameters, string? arn)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-05-08") };
        form.AddRange(parameters);
        var body = Encoding.UTF8.GetBytes(FormEncoding.Encode(form));
        return new AwsRequest(HttpMethod.Post, endpoint, "/", [], FormContentType, body, action, arn);
    }

    internal Uri Endpoint => _endpoint;

    private async Task<IReadOnlyList<T>> ListAsync<T>(
        string action, string roleName, string roleArn, Func<XElement, IEnumerable<T>> items, CancellationToken ct)
    {
        var all = new List<T>();
        var markers = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>> { new("RoleName", roleName) };
            if (marker is not null)
            {
                parameters.Add(new("Marker", marker));
            }

            var reply = await SendAsync(action, parameters, roleArn, ct).ConfigureAwait(false);
            all.AddRange(items(reply));
            var truncated = string.Equals(reply.Find("IsTruncated")?.Value, "true", StringComparison.OrdinalIgnoreCase);
            marker = truncated ? reply.Find("Marker")?.Value : null;
            if (marker is not null && !markers.Add(marker))
            {
                throw Unreadable(action, roleArn, "Marker repeated: pagination does not advance");
            }
        }
        while (marker is not null);

        return all;
    }

    private async Task<XElement> SendAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, string? arn, CancellationToken ct)
    {
        var body = await _pipeline.SendAsync(Build(_endpoint, action, parameters, arn), static (_, xml) => QueryProtocolXml.ReadError(xml), ct)
            .ConfigureAwait(false);
        return QueryXml.Load(body, action, arn);
    }

    private static AwsServiceException Unreadable(string operation, string? arn, string detail) =>
        new(operation, arn, 200, null, false, "unreadable reply: " + detail);
}
