using System.Text.Json;
using Denied.CloudTrail;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Diagnostics;

/// <summary>
/// The resource of a Lambda configuration-time denial: the event source being wired (CreateEventSourceMapping's
/// eventSourceArn: the queue, stream or table whose read permissions the role lacks), or "*" for the VPC
/// network-interface actions, which IAM does not scope to a resource usefully.
/// </summary>
public static class ConfigurationTimeResource
{
    public static ResourceResolution Resolve(CloudTrailRecord record, string? action, IamCatalog catalog)
    {
        if (action is null)
        {
            return new ResourceResolution(null, "unknown", []);
        }

        // Lambda could not assume the role: the role named in the request is the resource (its trust policy refused).
        if (action.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase))
        {
            return record.RequestParameters is { ValueKind: JsonValueKind.Object } request
                && request.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
                ? new ResourceResolution(role.GetString(), "request-parameters", [])
                : new ResourceResolution(null, "unknown", ["The role is not in the request: find it with aws lambda get-function-configuration --query Role."]);
        }

        if (record.RequestParameters is { ValueKind: JsonValueKind.Object } p
            && p.TryGetProperty("eventSourceArn", out var arn) && arn.ValueKind == JsonValueKind.String
            && !action.StartsWith("ec2:", StringComparison.Ordinal))
        {
            return new ResourceResolution(arn.GetString(), "request-parameters", []);
        }

        if (catalog.FindAction(action) is { HasResourceLevelPermissions: false } || action.StartsWith("ec2:", StringComparison.Ordinal))
        {
            return new ResourceResolution("*", "no-resource-level-permissions", []);
        }

        return new ResourceResolution(null, "unknown", ["The event source ARN is not in the request: name the resource in the statement yourself."]);
    }
}
