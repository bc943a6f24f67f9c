using System.Text.Json;
using Denied.CloudTrail;

namespace Denied.Principals;

/// <summary>String fields of requestParameters, which is often null on denials (CloudTrail User Guide, "CloudTrail record contents").</summary>
internal static class RequestParameters
{
    public static string? String(CloudTrailRecord record, string name) =>
        record.RequestParameters is { ValueKind: JsonValueKind.Object } parameters
        && parameters.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
