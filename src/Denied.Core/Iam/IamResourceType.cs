namespace Denied.Iam;

/// <summary>
/// A resource type an IAM action is authorised against, from the Service Authorization Reference.
/// </summary>
/// <param name="Name">The documented resource type name, e.g. "object", "function version".</param>
/// <param name="ArnPattern">The documented ARN pattern, e.g. <c>arn:${Partition}:s3:::${BucketName}/${ObjectName}</c>.</param>
/// <param name="Required">True when the reference marks the type required (its asterisk) for this action.</param>
public sealed record IamResourceType(string Name, string ArnPattern, bool Required);
