using System.Text.Json;
using Denied.CloudTrail;
using Denied.Iam;

namespace Denied.Resources;

/// <summary>
/// Works out the resource ARN a denied record was evaluated against (PRODUCT.md "What the detector
/// decides", step 3), in order: the resource the error message names; "*" for actions without
/// resource-level permissions; the fitting ARN of resources[]; request parameters filled into the ARN
/// pattern of one of the action's resource types (IAM data). The result is never broader than the
/// evaluated resource: when only a wider ARN could be built (the bucket of an object action), the
/// answer is null with a note.
/// </summary>
public static class ResourceResolver
{
    public const string FromMessage = "message";
    public const string FromResources = "resources";
    public const string FromRequestParameters = "request-parameters";
    public const string NoResourceLevelPermissions = "no-resource-level-permissions";
    public const string Unknown = "unknown";

    /// <param name="record">The denied CloudTrail record.</param>
    /// <param name="action">The resolved IAM action ("s3:GetObject"), or null when unknown.</param>
    /// <param name="messageResource">The resource parsed (and unquoted) from the error message, or null; ignored unless it is an ARN or "*".</param>
    /// <param name="catalog">The IAM catalog, usually <see cref="IamCatalog.Default"/>.</param>
    public static ResourceResolution Resolve(CloudTrailRecord record, string? action, string? messageResource, IamCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(catalog);

        // Only an ARN (or "*") may become a statement's Resource; MessageResource converts the forms it can.
        if (MessageResource.IsPolicyResource(messageResource))
        {
            return new ResourceResolution(messageResource, FromMessage, []);
        }

        if (string.IsNullOrWhiteSpace(action) || catalog.FindAction(action) is not { } iamAction)
        {
            return new ResourceResolution(null, Unknown, ["the resource cannot be derived without a known IAM action"]);
        }

        if (!iamAction.HasResourceLevelPermissions)
        {
            // A policy can grant such actions only on "*" (Service Authorization Reference: no resource types).
            return new ResourceResolution("*", NoResourceLevelPermissions,
                [$"{iamAction.FullName} does not support resource-level permissions; a policy grants it on \"*\""]);
        }

        if (RecordResourceMatcher.Pick(record.Resources, iamAction, catalog.ResourceTypeNames(iamAction.Prefix)) is { } listed)
        {
            return new ResourceResolution(listed, FromResources, []);
        }

        var notes = new List<string>();
        if (record.RequestParameters is not { ValueKind: JsonValueKind.Object } parameters)
        {
            notes.Add("requestParameters is empty, as it often is on denials, and neither the message nor resources[] names the resource");
            return new ResourceResolution(null, Unknown, notes);
        }

        var region = string.IsNullOrWhiteSpace(record.AwsRegion) ? null : record.AwsRegion;
        var account = FirstNonEmpty(record.RecipientAccountId, record.UserIdentity?.AccountId);
        var context = new ResourceContext(iamAction, parameters, Partitions.ForRegion(region), region, account);
        foreach (var rule in RequestResourceRules.All)
        {
            foreach (var candidate in rule.Candidates(context))
            {
                if (Accept(candidate, iamAction) is { } arn)
                {
                    AddNote(notes, candidate.Note);
                    return new ResourceResolution(arn, FromRequestParameters, notes);
                }

                if (candidate is { Arn: null, TypeName: null })
                {
                    AddNote(notes, candidate.Note);
                }
            }
        }

        var types = string.Join(", ", iamAction.ResourceTypes.Select(t => t.Name));
        notes.Add($"no {types} resource of {iamAction.FullName} could be derived from the record");
        return new ResourceResolution(null, Unknown, notes);
    }

    /// <summary>The candidate's ARN when it is of a resource type the action is authorised on.</summary>
    private static string? Accept(ResourceCandidate candidate, IamAction action)
    {
        if (candidate.Arn is { } arn)
        {
            return action.ResourceTypes.Any(t => ArnPattern.Matches(t.ArnPattern, arn)) ? arn : null;
        }

        if (candidate is { TypeName: { } typeName, Values: { } values })
        {
            var type = action.ResourceTypes.FirstOrDefault(t => t.Name.Equals(typeName, StringComparison.OrdinalIgnoreCase));
            return type is null ? null : ArnPattern.Fill(type.ArnPattern, values);
        }

        return null;
    }

    private static void AddNote(List<string> notes, string? note)
    {
        if (note is not null && !notes.Contains(note))
        {
            notes.Add(note);
        }
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
