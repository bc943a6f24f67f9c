namespace Denied.Remediation;

/// <summary>
/// A statement for a function policy, in the form `aws lambda add-permission` takes it: the principal as the CLI
/// spells it (service name, account id or ARN) and as the policy spells it.
/// </summary>
/// <param name="Function">Name or ARN accepted by --function-name.</param>
/// <param name="CliPrincipal">As given to --principal.</param>
/// <param name="SourceAccount">Only for service principals: the account that owns the source resource.</param>
internal sealed record LambdaPermission(
    string Function,
    string CliPrincipal,
    bool IsService,
    string? SourceArn,
    string? SourceAccount,
    string StatementId);
