using Denied.CloudTrail;
using Denied.Iam;

namespace Denied.Resources;

/// <summary>
/// Picks, from a record's resources[], the ARN the action was evaluated against. S3 data events list
/// both the object and its bucket (AWS::S3::Object, AWS::S3::Bucket): s3:GetObject must take the
/// object and s3:ListBucket the bucket, so an ARN is kept only when it fits the ARN pattern of one
/// of the action's resource types and its CloudTrail type does not name a different resource type
/// of the service.
/// </summary>
internal static class RecordResourceMatcher
{
    /// <param name="resources">The record's resources[].</param>
    /// <param name="action">The action whose resource types the ARN must fit.</param>
    /// <param name="serviceTypeNames">Every resource type name of the action's service.</param>
    public static string? Pick(IReadOnlyList<CloudTrailResource>? resources, IamAction action, IEnumerable<string> serviceTypeNames)
    {
        if (resources is null || resources.Count == 0)
        {
            return null;
        }

        var typeNames = serviceTypeNames.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        string? best = null;
        var bestScore = 0;
        foreach (var resource in resources)
        {
            if (string.IsNullOrWhiteSpace(resource.Arn))
            {
                continue;
            }

            var cloudTrailType = CloudTrailTypeName(resource.Type);
            foreach (var type in action.ResourceTypes.OrderByDescending(t => t.Required))
            {
                if (!ArnPattern.Matches(type.ArnPattern, resource.Arn))
                {
                    continue;
                }

                // 3: CloudTrail's type names this resource type; 2: it names none of the service's
                // types (or is absent), so only the pattern speaks. A type naming another type of
                // the service (AWS::S3::Object for "bucket") rules the pair out.
                var score = cloudTrailType == Normalise(type.Name) ? 3
                    : cloudTrailType is null || !typeNames.Contains(cloudTrailType) ? 2
                    : 0;
                if (score > bestScore)
                {
                    (best, bestScore) = (resource.Arn, score);
                }
            }
        }

        return best;
    }

    /// <summary>"AWS::S3::Object" -> "object", "AWS::Logs::LogGroup" -> "loggroup".</summary>
    private static string? CloudTrailTypeName(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return null;
        }

        var last = type.LastIndexOf("::", StringComparison.Ordinal);
        return Normalise(last >= 0 ? type[(last + 2)..] : type);
    }

    /// <summary>"log-group" and "LogGroup" compare equal; so do "function version" and "FunctionVersion".</summary>
    private static string Normalise(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
