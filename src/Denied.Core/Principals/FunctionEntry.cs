namespace Denied.Principals;

/// <summary>One function of the inventory, as `aws lambda list-functions` reports it.</summary>
/// <param name="Name">FunctionName.</param>
/// <param name="Arn">FunctionArn (unqualified).</param>
/// <param name="RoleArn">Role: the execution role ARN, with its path.</param>
public sealed record FunctionEntry(string Name, string Arn, string RoleArn);
