using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// lambda:InvokeFunction denied by the function policy: a service (S3, EventBridge, SNS...) or another account
/// may not invoke the function. `aws lambda add-permission` is additive, so this fix can be run as is.
/// </summary>
internal static class InvokePermissionFix
{
    /// <param name="request">The cleaned request.</param>
    /// <param name="action">lambda:InvokeFunction.</param>
    /// <param name="layerKnown">False when the record does not say the function policy denied: the notes then do not claim it.</param>
    public static FixDraft For(FixRequest request, ActionName action, bool layerKnown = true)
    {
        var draft = RoleFixes.New(request, action, FixTarget.ResourcePolicy);
        var resourceArn = Arn.TryParse(request.Resource) is { Service: "lambda" } ? request.Resource : null;
        var partition = Arn.TryParse(resourceArn ?? request.RoleArn)?.Partition ?? "aws";
        // FunctionName is the invoked function only when a service or account was the caller; when the caller is a
        // function's own role, only the resource names the invoked function.
        var invokedName = request.CallerPrincipal is null ? null : request.FunctionName;
        var functionArn = resourceArn
            ?? (request is { Region: { } region, Account: { } account } && invokedName is { } fn && !fn.Contains(':', StringComparison.Ordinal)
                ? $"arn:{partition}:lambda:{region}:{account}:function:{fn}"
                : null);
        var (principal, principalNote) = CallerPrincipal.Resolve(request, partition);
        if (functionArn is null || principal is null)
        {
            draft.Notes.Add("The function policy must allow the caller to invoke the function, but the " + (functionArn is null ? "function" : "caller") + " is not in the record, so no statement is suggested.");
            return draft;
        }

        var sourceArn = request.SourceArn is null ? null : IamLiteral.Escape(request.SourceArn);
        var sourceArnAccount = Arn.TryParse(request.SourceArn)?.Account;
        // aws:SourceAccount guards against a resource of the same name in another account (confused deputy);
        // S3 bucket ARNs carry no account, so the function's account is assumed to own the bucket.
        var sourceAccount = principal.IsService
            ? (string.IsNullOrEmpty(sourceArnAccount) ? request.Account : sourceArnAccount)
            : null;
        var conditions = new List<(string, string, string)>();
        if (principal.IsService && sourceArn is not null)
        {
            conditions.Add(("ArnLike", "aws:SourceArn", sourceArn));
        }

        if (sourceAccount is not null)
        {
            conditions.Add(("StringEquals", "aws:SourceAccount", sourceAccount));
        }

        draft.Resource = ResourcePolicyTarget.For(functionArn);
        draft.ResourceStatements.Add(new PolicyStatement
        {
            Principal = (principal.Type, principal.Value),
            Actions = ["lambda:InvokeFunction"],
            Resources = [IamLiteral.Escape(functionArn)],
            Conditions = conditions,
        });
        draft.Permission = new LambdaPermission(
            invokedName ?? functionArn,
            principal.Cli,
            principal.IsService,
            principal.IsService ? sourceArn : null,
            sourceAccount,
            PolicyNames.LambdaStatementId(principal.Cli, request.SourceArn));

        draft.Notes.Add((layerKnown ? "The function policy does not allow this caller to invoke the function. " : "The function policy must allow this caller to invoke the function. ") + "Triggers made in the console add this statement; triggers wired by hand, by another account or by infrastructure code need it added. add-permission adds one statement and keeps the others; running it twice fails with ResourceConflictException because the statement id already exists.");
        if (principalNote is not null)
        {
            draft.Notes.Add(principalNote);
        }

        if (principal.IsService && sourceArn is null)
        {
            draft.Notes.Add("The record does not name the source resource, so the statement is scoped only by aws:SourceAccount; add --source-arn with the bucket, rule or topic ARN to keep other resources of that service from invoking the function.");
        }
        else if (principal.IsService && string.IsNullOrEmpty(sourceArnAccount) && sourceAccount is not null)
        {
            draft.Notes.Add("aws:SourceAccount is the account that owns the source resource; it is assumed to be the function's account. Change it if the bucket belongs to another account.");
        }

        if (!principal.IsService)
        {
            draft.Notes.Add("Another account invokes the function: its caller also needs lambda:InvokeFunction on the function in its own identity-based policy.");
        }

        return draft;
    }
}
