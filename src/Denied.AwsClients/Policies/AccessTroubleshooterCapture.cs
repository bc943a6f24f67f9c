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
    public async Task<(JsonObject? Capture, IReadOnlyList<PolicyRead> Reads)> CaptureAsync(string authorizationId, CancellationToken ct)
    {
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
            if (policy.Uri is { Length: > 0 } uri)
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
}
