namespace Denied.AwsClients.Policies;

/// <summary>One entry of ListAttachedRolePolicies.</summary>
public sealed record IamAttachedPolicy(string PolicyName, string PolicyArn);
