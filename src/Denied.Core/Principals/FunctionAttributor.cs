using Denied.Classification;
using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Principals;

/// <summary>
/// The function a finding belongs to (the diagnosis record's function field): the caller for an
/// execution-role session; the function being created or configured for a configuration-time denial;
/// the invoked function when a service or another account is denied lambda:InvokeFunction, or when Lambda
/// could not decrypt the invoked function's environment variables with its role.
/// </summary>
public static class FunctionAttributor
{
    private const string LambdaFunctionType = "AWS::Lambda::Function";
    private const string LambdaService = "lambda.amazonaws.com";

    /// <summary>
    /// Null for records that are not denials or belong to no function. RoleArn is null when neither the
    /// request, the message nor the inventory names the role (the lead decides how such findings are keyed).
    /// </summary>
    /// <param name="record">The denied record.</param>
    /// <param name="signal">What the detector made of it.</param>
    /// <param name="principal">The caller.</param>
    /// <param name="action">The resolved IAM action, or null.</param>
    /// <param name="message">The parsed errorMessage, or null.</param>
    /// <param name="inventory">The account's functions, when given.</param>
    public static FunctionRef? Attribute(
        CloudTrailRecord record, DenialSignal signal, PrincipalInfo principal, string? action, ParsedDenialMessage? message,
        FunctionInventory? inventory)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(principal);

        return signal.Kind switch
        {
            DenialKind.NotDenied => null,
            DenialKind.ConfigurationTime => ConfiguredFunction(record, inventory),
            // The caller was allowed to invoke; KMS refused the invoked function's role (the message's User).
            _ when message?.LambdaEnvironmentDecryption == true
                => InvokedFunction(record, message, inventory, RoleArns.FromSessionArn(message.Principal)),
            // A caller-side layer (its identity policy, boundary or session policy) names the caller, whoever
            // invoked: the invoked function's policy is not what said no.
            _ when CallerPolicyDenied(message) => CallerFunction(record, principal),
            _ when ForeignInvocation.IsForeignInvoke(record, principal, action) => InvokedFunction(record, message, inventory, null),
            _ when principal.Kind == PrincipalKind.LambdaExecutionRole => new FunctionRef(principal.FunctionName, principal.RoleArn),
            _ => null,
        };
    }

    private static bool CallerPolicyDenied(ParsedDenialMessage? message) =>
        PolicyTypeNames.LayerOf(message?.PolicyType) is DenialLayer.IdentityPolicy or DenialLayer.PermissionsBoundary or DenialLayer.SessionPolicy;

    // Lambda itself calls with a function's execution role for asynchronous destinations and similar, and CloudTrail
    // then shows invokedBy lambda.amazonaws.com on that role's session, which Lambda names after the function
    // (as its own calls are). Other callers are not functions: no finding, as for any other principal.
    private static FunctionRef? CallerFunction(CloudTrailRecord record, PrincipalInfo principal) => principal.Kind switch
    {
        PrincipalKind.LambdaExecutionRole => new FunctionRef(principal.FunctionName, principal.RoleArn),
        PrincipalKind.AssumedRole when record.UserIdentity?.InvokedBy == LambdaService && principal.SessionName is { Length: > 0 } session
            => new FunctionRef(session, principal.RoleArn),
        _ => null,
    };

    // CreateFunction, UpdateFunctionConfiguration and CreateEventSourceMapping all name the function in
    // requestParameters.functionName; the first two carry the role too (Lambda API reference).
    private static FunctionRef? ConfiguredFunction(CloudTrailRecord record, FunctionInventory? inventory)
    {
        var requested = RequestParameters.String(record, "functionName");
        var name = FunctionNames.FromNameOrArn(requested);
        var role = RequestParameters.String(record, "role")
            ?? (requested is null ? null : inventory?.ByName(requested)?.RoleArn);
        return name is null && role is null ? null : new FunctionRef(name, role);
    }

    /// <param name="messageRoleArn">The role the message names as denied (path unknown), used when the inventory does not list the function.</param>
    private static FunctionRef? InvokedFunction(
        CloudTrailRecord record, ParsedDenialMessage? message, FunctionInventory? inventory, string? messageRoleArn)
    {
        var target = message?.Resource is { } resource && resource.Contains(":function:", StringComparison.Ordinal)
            ? resource
            : RequestParameters.String(record, "functionName")
                ?? record.Resources?.FirstOrDefault(r => r.Type == LambdaFunctionType)?.Arn;
        if (FunctionNames.FromNameOrArn(target) is not { } name)
        {
            return null;
        }

        return new FunctionRef(name, inventory?.ByName(target!)?.RoleArn ?? messageRoleArn);
    }
}
