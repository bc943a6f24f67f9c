using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// What a collection read, in the three shapes the offline options take: <see cref="AuthorizationDetails"/> as
/// <c>aws iam get-account-authorization-details</c> prints it (restricted to the roles read),
/// <see cref="ResourcePolicies"/> as an object from resource ARN to policy document, and
/// <see cref="OrganizationPolicies"/> (<c>policies[]</c> with their targets, <c>accountPaths</c>; null when not asked
/// for), plus every read with its outcome.
/// </summary>
public sealed record PolicyCollection(
    JsonObject AuthorizationDetails, JsonObject ResourcePolicies, JsonObject? OrganizationPolicies, IReadOnlyList<PolicyRead> Reads)
{
    /// <summary>The reads as <c>{"reads":[{"read","arn","name","outcome","reason"}]}</c>, outcome in lower case.</summary>
    public JsonObject ReadsJson()
    {
        var reads = new JsonArray();
        foreach (var r in Reads)
        {
            reads.Add((JsonNode)new JsonObject
            {
                ["read"] = r.Read,
                ["arn"] = r.Arn,
                ["name"] = r.Name,
                ["outcome"] = r.Outcome.ToString().ToLowerInvariant(),
                ["reason"] = r.Reason,
            });
        }

        return new JsonObject { ["reads"] = reads };
    }
}
