using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>A role as GetRole returns it: path, name, id, ARN, trust policy (decoded), boundary ARN and tags.</summary>
public sealed record IamRole(
    string Path,
    string RoleName,
    string RoleId,
    string Arn,
    JsonObject? AssumeRolePolicyDocument,
    string? PermissionsBoundaryArn,
    IReadOnlyList<KeyValuePair<string, string>> Tags);
