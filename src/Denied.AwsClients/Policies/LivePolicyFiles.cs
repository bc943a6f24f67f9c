using System.Text.Json.Nodes;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.AwsClients.Policies;

/// <summary>
/// A <see cref="PolicyCollection"/> as the <see cref="PolicyFiles"/> an evaluation takes, with source "live". What a
/// refused or failed read left out is unseen, never taken for "no policy": a failed resource read drops the resource
/// policies (the layer is unseen), a role whose inline or attached policies could not be listed leaves the identity
/// layer unseen, a role read that failed leaves its boundary (and trust policy) unseen, an organization listing that
/// failed leaves its policy type unseen (a path that could not be read, only that account's). Each such read becomes
/// a note naming it.
/// </summary>
public static class LivePolicyFiles
{
    private const int MaxReasonLength = 300;

    private static readonly HashSet<string> IdentityListings = new(StringComparer.Ordinal)
    {
        "iam:ListRolePolicies", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies",
    };

    public static PolicyFiles From(PolicyCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var unseen = new HashSet<DenialLayer>();
        var notes = new List<string>();
        foreach (var read in collection.Reads.Where(r => r.Outcome is PolicyReadOutcome.Refused or PolicyReadOutcome.Failed))
        {
            notes.Add(Note(read));
            unseen.UnionWith(LayersOf(read));
        }

        var resourceReads = collection.Reads.Where(r => ResourcePolicyReader.ReadNames.Contains(r.Read)).ToList();
        var resourcesComplete = resourceReads.Count > 0 && resourceReads.All(r => r.Outcome is PolicyReadOutcome.Read or PolicyReadOutcome.Absent);
        var details = Parse(collection.AuthorizationDetails, "the roles' policies", AuthorizationDetailsParser.Parse, notes);
        var resources = resourcesComplete ? Parse(collection.ResourcePolicies, "the resource policy", ResourcePoliciesParser.Parse, notes) : null;
        var organization = collection.OrganizationPolicies is { } o ? Parse(o, "the organization policies", OrganizationPoliciesParser.Parse, notes) : null;
        return new PolicyFiles(details, resources, organization) { Source = PolicyEvaluation.LiveSource, Unseen = unseen, Notes = notes };
    }

    /// <summary>"Live policy read refused: iam:GetRolePolicy on ROLE (NAME): AccessDenied: ..." (escaped by each renderer).</summary>
    public static string Note(PolicyRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var what = read.Name is null ? read.Arn : $"{read.Arn} ({read.Name})";
        var reason = read.Reason is { Length: > MaxReasonLength } r ? r[..MaxReasonLength] + "…" : read.Reason ?? "no reason given";
        return $"Live policy read {read.Outcome.ToString().ToLowerInvariant()}: {read.Read} on {what}: {reason}";
    }

    private static IEnumerable<DenialLayer> LayersOf(PolicyRead read) => read.Read switch
    {
        // The attached policies' and the boundary's own reads (iam:GetPolicy) leave their ARN without a document,
        // which the evaluation already names unseen; the role read names the boundary.
        "iam:GetRole" => [DenialLayer.PermissionsBoundary],
        _ when IdentityListings.Contains(read.Read) => [DenialLayer.IdentityPolicy],
        // Without its parents the account has no path, which the evaluation already names unseen for that account only.
        "organizations:ListParents" => [],
        "organizations:ListPoliciesForTarget" when read.Name == OrganizationPolicies.ServiceControlPolicy => [DenialLayer.ServiceControlPolicy],
        "organizations:ListPoliciesForTarget" when read.Name == OrganizationPolicies.ResourceControlPolicy => [DenialLayer.ResourceControlPolicy],
        _ when read.Read.StartsWith("organizations:", StringComparison.Ordinal) => [DenialLayer.ServiceControlPolicy, DenialLayer.ResourceControlPolicy],
        _ when ResourcePolicyReader.ReadNames.Contains(read.Read) => [DenialLayer.ResourcePolicy],
        _ => [],
    };

    private static T? Parse<T>(JsonObject json, string what, Func<string, T> parse, List<string> notes)
        where T : class
    {
        try
        {
            return parse(json.ToJsonString());
        }
        catch (PolicyFormatException e)
        {
            notes.Add($"Live policy read: {what} could not be evaluated: {e.Message}");
            return null;
        }
    }
}
