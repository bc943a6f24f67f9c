using Denied.Classification;
using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Principals;

/// <summary>
/// The function a finding belongs to (PRODUCT.md, "The diagnosis record", function): the caller for an
/// execution-role session; the function being created or configured for a configuration-time denial;
/// the invoked function when a service or another account is denied lambda:InvokeFunction.
/// </summary>
public static class FunctionAttributor
{
    private const string LambdaFunctionType = "AWS::Lambda::Function";

    /// <summary>
    /// Null for records that are not denials or belong to no function. RoleArn is null when neither the
    /// request nor the inventory names the role (the lead decides how such findings are keyed).
    /// </summary>
    public static FunctionRef? Attribute(
        CloudTrailRecord record, DenialSignal signal, PrincipalInfo principal, string? action, FunctionInventory? inventory)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(principal);

        return signal.Kind switch
        {
            DenialKind.NotDenied => null,
            DenialKind.ConfigurationTime => ConfiguredFunction(record, inventory),
            _ when ForeignInvocation.IsForeignInvoke(record, principal, action) => InvokedFunction(record, inventory),
            _ when principal.Kind == PrincipalKind.LambdaExecutionRole => new FunctionRef(principal.FunctionName, principal.RoleArn),
            _ => null,
        };
    }

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

    private static FunctionRef? InvokedFunction(CloudTrailRecord record, FunctionInventory? inventory)
    {
        var target = AccessDeniedMessageParser.Parse(record.ErrorMessage)?.Resource is { } resource
                && resource.Contains(":function:", StringComparison.Ordinal)
            ? resource
            : RequestParameters.String(record, "functionName")
                ?? record.Resources?.FirstOrDefault(r => r.Type == LambdaFunctionType)?.Arn;
        if (FunctionNames.FromNameOrArn(target) is not { } name)
        {
            return null;
        }

        return new FunctionRef(name, inventory?.ByName(target!)?.RoleArn);
    }
}
