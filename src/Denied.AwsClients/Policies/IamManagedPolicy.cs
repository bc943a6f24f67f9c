namespace Denied.AwsClients.Policies;

/// <summary>A managed policy as GetPolicy returns it (its document is read with GetPolicyVersion of <see cref="DefaultVersionId"/>).</summary>
public sealed record IamManagedPolicy(string PolicyName, string PolicyId, string Arn, string Path, string DefaultVersionId);
