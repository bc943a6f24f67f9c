using System.Text.Json;
using Denied.Resources;

namespace Denied.Actions;

/// <summary>
/// S3 object calls that name a version (requestParameters.versionId) are authorised as the "Version" action:
/// "To return a different version, you need permission for s3:GetObjectVersion" (GetObject), "To delete a
/// specific version ... you must have the s3:DeleteObjectVersion permission" (DeleteObject), and so on for
/// tagging, ACLs and attributes (S3 API reference, "Permissions"; iam-dataset map.json HeadObject). The resource
/// stays the object ARN: the version is not part of it.
/// </summary>
internal static class S3VersionedActions
{
    // Keyed by the eventName (HeadObject has no action of its own: it is s3:GetObject, and s3:GetObjectVersion for a version).
    private static readonly Dictionary<string, string> VersionActions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GetObject"] = "GetObjectVersion",
        ["HeadObject"] = "GetObjectVersion",
        ["DeleteObject"] = "DeleteObjectVersion",
        ["GetObjectTagging"] = "GetObjectVersionTagging",
        ["PutObjectTagging"] = "PutObjectVersionTagging",
        ["DeleteObjectTagging"] = "DeleteObjectVersionTagging",
        ["GetObjectAcl"] = "GetObjectVersionAcl",
        ["PutObjectAcl"] = "PutObjectVersionAcl",
        ["GetObjectAttributes"] = "GetObjectVersionAttributes",
    };

    /// <summary>The version action for an S3 call whose request names a version; otherwise null.</summary>
    public static string? ActionName(string prefix, string eventName, JsonElement? requestParameters) =>
        prefix.Equals("s3", StringComparison.OrdinalIgnoreCase) &&
        VersionActions.TryGetValue(eventName, out var versioned) &&
        requestParameters is { ValueKind: JsonValueKind.Object } parameters &&
        JsonParameters.String(parameters, "versionId") is not null
            ? versioned
            : null;

    /// <summary>Why the version action was chosen, for the user.</summary>
    public static string Note(string eventName, string versionAction) =>
        eventName.Equals("GetObjectAttributes", StringComparison.OrdinalIgnoreCase)
            ? $"the request names an object version (requestParameters.versionId), so S3 checks s3:{versionAction}, and also s3:GetObjectVersion"
            : $"the request names an object version (requestParameters.versionId), so S3 checks s3:{versionAction} instead of the unversioned action";
}
