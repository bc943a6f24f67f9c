using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// Captures what the IAM Access Troubleshooter recorded for one authorization ID, for offline use: the joined
/// GetRequestAuthorizationDetails pages in the service's own member names (<c>requestContext</c>, <c>evaluations</c>,
/// <c>policies</c>), each policy with the document GetRequestAuthorizationPolicy returned for its <c>uri</c> as
/// <c>capturedPolicy</c> (the whole reply, since the member that carries the document is not documented) and, where
/// it is unambiguous, <c>document</c>. Every call is recorded as a <see cref="PolicyRead"/>; nothing is thrown for a
/// refused or failed call.
/// </summary>
public sealed class AccessTroubleshooterCapture(AccessTroubleshooterClient client)
{
    /// <param name="maxPolicyDocuments">
    /// At most this many GetRequestAuthorizationPolicy calls (default: one per policy). Under a bound, the policies a
    /// matched statement names come first, then the other identity-based ones, in the reply's order; the rest are
    /// listed without their document.
    /// </param>
    public async Task<(JsonObject? Capture, IReadOnlyList<PolicyRead> Reads)> CaptureAsync(string authorizationId, CancellationToken ct, int maxPolicyDocuments = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPolicyDocuments);
        var reads = new List<PolicyRead>();
        AuthorizationDetailsLookup lookup;
        try
        {
            lookup = await client.GetRequestAuthorizationDetailsAsync(authorizationId, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
        {
            reads.Add(PolicyReadFailure.Describe("iam:GetRequestAuthorizationDetails", authorizationId, null, e));
            return (null, reads);
        }

        if (lookup.Details is not { } details)
        {
            reads.Add(new PolicyRead(
                "iam:GetRequestAuthorizationDetails", authorizationId, null, PolicyReadOutcome.Failed,
                $"not available after {lookup.Attempts} tries: {lookup.NotAvailableReason}"));
            return (null, reads);
        }

        reads.Add(new PolicyRead("iam:GetRequestAuthorizationDetails", authorizationId, null, PolicyReadOutcome.Read, null));
        var fetched = ToFetch(details, maxPolicyDocuments);
        var policies = new JsonArray();
        foreach (var policy in details.Policies)
        {
            var entry = new JsonObject
            {
                ["type"] = policy.Type,
                ["inline"] = policy.Inline,
                ["uri"] = policy.Uri,
                ["attachedTo"] = new JsonArray([.. policy.AttachedTo.Select(a => (JsonNode)new JsonObject { ["arn"] = a })]),
            };
            if (policy.Uri is { Length: > 0 } uri && fetched.Contains(uri))
            {
                try
                {
                    var reply = await client.GetRequestAuthorizationPolicyAsync(authorizationId, uri, ct).ConfigureAwait(false);
                    entry["capturedPolicy"] = reply;
                    if (AccessTroubleshooterClient.CapturedDocument(reply) is { } document)
                    {
                        entry["document"] = document.DeepClone();
                    }

                    reads.Add(new PolicyRead("iam:GetRequestAuthorizationPolicy", uri, authorizationId, PolicyReadOutcome.Read, null));
                }
                catch (Exception e) when (PolicyReadFailure.IsReadFailure(e))
                {
                    reads.Add(PolicyReadFailure.Describe("iam:GetRequestAuthorizationPolicy", uri, authorizationId, e));
                }
            }

            policies.Add((JsonNode)entry);
        }

        var evaluations = new JsonArray();
        foreach (var e in details.Evaluations)
        {
            evaluations.Add((JsonNode)new JsonObject
            {
                ["action"] = e.Action,
                ["resource"] = e.Resource,
                ["context"] = e.Context?.DeepClone(),
                ["evaluatedEffect"] = e.EvaluatedEffect,
                ["matchedPolicies"] = new JsonArray([.. e.MatchedPolicies.Select(p => (JsonNode)new JsonObject
                {
                    ["uri"] = p.Uri,
                    ["matchedStatements"] = new JsonArray([.. p.MatchedStatements.Select(s => (JsonNode)new JsonObject
                    {
                        ["sid"] = s.Sid,
                        ["evaluatedEffect"] = s.EvaluatedEffect,
                    })]),
                })]),
            });
        }

        var capture = new JsonObject
        {
            ["authorizationId"] = authorizationId,
            ["requestContext"] = details.RequestContext.DeepClone(),
            ["evaluations"] = evaluations,
            ["policies"] = policies,
        };
        return (capture, reads);
    }

    /// <summary>The policy uris whose documents to ask for, at most <paramref name="max"/>: matched ones first, then identity-based ones, then the rest.</summary>
    private static HashSet<string> ToFetch(AuthorizationDetails details, int max)
    {
        var matched = details.Evaluations.SelectMany(e => e.MatchedPolicies).Select(p => p.Uri).ToHashSet(StringComparer.Ordinal);
        return details.Policies
            .Select((p, i) => (p.Uri, Rank: matched.Contains(p.Uri ?? "") ? 0 : p.Type == "IDENTITY_BASED_POLICY" ? 1 : 2, i))
            .Where(p => p.Uri is { Length: > 0 })
            .OrderBy(p => p.Rank).ThenBy(p => p.i)
            .Select(p => p.Uri!)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToHashSet(StringComparer.Ordinal);
    }
}
