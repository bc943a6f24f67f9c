namespace Denied.AwsClients.Policies;

/// <summary>
/// One read of a collection: the API call (<c>iam:GetRolePolicy</c>, <c>s3:GetBucketPolicy</c>), the ARN it
/// targeted, the name within it where the ARN is not enough (an inline policy's name, an organization target or
/// policy id), what it found and, when it did not read a document, why (the service's error code and message).
/// </summary>
public sealed record PolicyRead(string Read, string Arn, string? Name, PolicyReadOutcome Outcome, string? Reason);
