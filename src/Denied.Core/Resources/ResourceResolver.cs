using System.Text.Json;
using Denied.CloudTrail;
using Denied.Iam;
using Denied.Remediation;
using Denied.Principals;

namespace Denied.Resources;

/// <summary>
/// Works out the resource ARN a denied record was evaluated against, in order: the resource the error message names,
/// when the record agrees with it (no other S3 bucket, no wildcard the record does not confirm); "*" for actions without
/// resource-level permissions; the fitting ARN of resources[]; request parameters filled into the ARN
/// pattern of one of the action's resource types (IAM data); "*" for an action whose resource types are all
/// optional when the request names none of them. The result is never broader than the
/// evaluated resource: when only a wider ARN could be built (the bucket of an object action), the
/// answer is null with a note.
/// </summary>
public static class ResourceResolver
{
    public const string FromMessage = "message";
    public const string FromResources = "resources";
    public const string FromRequestParameters = "request-parameters";
    public const string NoResourceLevelPermissions = "no-resource-level-permissions";
    public const string OptionalResourceTypes = "optional-resource-types";
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
            return FromMessageResource(record, action, messageResource!, catalog);
        }

        return FromRecord(record, action, catalog);
    }

    /// <summary>
    /// The message's resource, when the record agrees with it. AWS names the one resource it evaluated, so a wildcard
    /// there ('*' or '?', "on resource: *", "arn:aws:s3:::bucket/*") is no resource: granting it would reach every
    /// resource it matches. It stands only where it is what a grant must say anyway (an action without resource-level
    /// permissions is granted on "*"; EC2's creation wildcard), or where the record's own fields give the very same ARN:
    /// then it is a name that holds the character (an S3 key may be any UTF-8, "reports/*" included), and the
    /// statement escapes it as a literal (${*}, see IamLiteral), since in a Resource element '*' and '?' would match
    /// more than the denied object. Otherwise the resource is not determined.
    /// </summary>
    private static ResourceResolution FromMessageResource(CloudTrailRecord record, string? action, string messageResource, IamCatalog catalog)
    {
        if (MessageBucketCheck.Disagreement(record, messageResource) is { } disagreement)
        {
            return new ResourceResolution(null, Unknown, [disagreement]);
        }

        if (MessageResource.IsEc2CreationWildcard(messageResource))
        {
            return new ResourceResolution(messageResource, FromMessage, []) { WildcardSuffixLength = 1 };
        }

        if (!IamLiteral.HasWildcard(messageResource))
        {
            return new ResourceResolution(messageResource, FromMessage, []);
        }

        var fromRecord = FromRecord(record, action, catalog);
        if (fromRecord.Source == NoResourceLevelPermissions || string.Equals(fromRecord.Resource, messageResource, StringComparison.Ordinal))
        {
            return fromRecord;
        }

        var seen = fromRecord.Resource is { } other ? $", and the record's own fields name {other}" : "";
        return new ResourceResolution(null, Unknown,
        [
            $"the message names the resource {messageResource}, which holds a wildcard ('*' or '?'): AWS names the one resource it evaluated{seen}, so the record was altered; the resource is not determined and no grant is suggested on it",
        ]);
    }

    private static ResourceResolution FromRecord(CloudTrailRecord record, string? action, IamCatalog catalog)
    {
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
        var account = FirstNonEmpty(record.RecipientAccountId, CallerAccount.Of(record.UserIdentity));
        var context = new ResourceContext(iamAction, parameters, Partitions.ForRegion(region), region, account);
        var requestNamesAResource = false;
        foreach (var rule in RequestResourceRules.All)
        {
            foreach (var candidate in rule.Candidates(context))
            {
                requestNamesAResource = true;
                if (Accept(candidate, iamAction) is { } arn)
                {
                    AddNote(notes, candidate.Note);
                    return new ResourceResolution(arn, FromRequestParameters, notes) { WildcardSuffixLength = candidate.WildcardSuffixLength };
                }

                if (candidate is { Arn: null, TypeName: null })
                {
                    AddNote(notes, candidate.Note);
                }
            }
        }

        if (!iamAction.HasRequiredResourceType && !requestNamesAResource && record.Resources is not { Count: > 0 })
        {
            return OptionalTypesOnly(iamAction, parameters, notes);
        }

        var types = string.Join(", ", iamAction.ResourceTypes.Select(t => t.Name));
        notes.Add($"no {types} resource of {iamAction.FullName} could be derived from the record");
        return new ResourceResolution(null, Unknown, notes);
    }

    /// <summary>
    /// An action whose resource types are all optional (no asterisk in the Service Authorization Reference) is
    /// authorised against "*" when the request names none of them (cloudwatch:PutMetricData without a dataset,
    /// polly:SynthesizeSpeech without lexicons), so "*" is then the evaluated resource and the narrowest grant.
    /// The reference also leaves alternatives unstarred (s3:GetObject on "object" or "accesspointobject"), so
    /// the caller takes this path only when the request parameters are present and neither they nor resources[]
    /// name any resource; a parameter named after one of the types ("lexiconNames") keeps the answer null too.
    /// </summary>
    private static ResourceResolution OptionalTypesOnly(IamAction action, JsonElement parameters, List<string> notes)
    {
        var types = string.Join(", ", action.ResourceTypes.Select(t => t.Name));
        if (NamesTypeParameter(parameters, action) is { } named)
        {
            notes.Add($"requestParameters.{named} seems to name a {types} resource of {action.FullName}, and its ARN could not be derived from the record");
            return new ResourceResolution(null, Unknown, notes);
        }

        notes.Add($"{action.FullName} takes a {types} resource only optionally, and the request names none: AWS evaluates it on \"*\", so \"*\" is the narrowest resource that grants it");
        return new ResourceResolution("*", OptionalResourceTypes, notes);
    }

    /// <summary>The first non-empty top-level parameter whose name contains one of the action's resource type names.</summary>
    private static string? NamesTypeParameter(JsonElement parameters, IamAction action)
    {
        var typeWords = action.ResourceTypes
            .Select(t => new string(t.Name.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)
            .ToList();
        foreach (var property in parameters.EnumerateObject())
        {
            var name = new string(property.Name.Where(char.IsLetterOrDigit).ToArray());
            var hasValue = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => false,
                JsonValueKind.String => property.Value.GetString() is { Length: > 0 },
                JsonValueKind.Array => property.Value.GetArrayLength() > 0,
                _ => true,
            };
            if (hasValue && typeWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Name;
            }
        }

        return null;
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
