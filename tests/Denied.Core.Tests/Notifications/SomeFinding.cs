using Denied.Diagnostics;
using Denied.Findings;
using Denied.Policies;
using Denied.Remediation;

namespace Denied.Core.Tests.Notifications;

/// <summary>A realistic stored finding (s3:GetObject denied for orders-api), overridden per test.</summary>
internal static class SomeFinding
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string RoleArn = "arn:aws:iam::123456789012:role/service/orders-api-role";
    public const string Bucket = "arn:aws:s3:::acme-orders/2024/05/order-1001.json";

    public static Diagnosis Diagnosis(
        string function = "orders-api",
        string action = "s3:GetObject",
        string resource = Bucket,
        DenialLayer layer = DenialLayer.IdentityPolicy,
        bool? explicitDeny = false,
        string? errorMessage = null,
        string? sessionName = null)
    {
        var session = sessionName ?? function;
        var fix = FixBuilder.Build(new FixRequest
        {
            Action = action,
            Resource = resource,
            Layer = layer,
            ExplicitDeny = explicitDeny,
            RoleArn = RoleArn,
            FunctionName = function,
            Account = Account,
            Region = Region,
        });
        return new Diagnosis
        {
            EventId = "6f1c2a4e-1b7d-4c55-9a3e-0c8e2f4b9d10",
            EventTime = "2024-05-01T10:05:00Z",
            Account = Account,
            Region = Region,
            EventSource = "s3.amazonaws.com",
            EventName = "GetObject",
            Denied = true,
            ErrorCode = "AccessDenied",
            ErrorMessage = errorMessage ?? $"User: arn:aws:sts::123456789012:assumed-role/orders-api-role/{session} is not authorized to perform: {action} on resource: \"{resource}\" because no identity-based policy allows the {action} action",
            UserAgent = "aws-sdk-dotnet-coreclr/4.0.0 exec-env/AWS_Lambda_provided.al2023",
            Principal = new PrincipalInfo(PrincipalKind.LambdaExecutionRole, $"arn:aws:sts::123456789012:assumed-role/orders-api-role/{session}", RoleArn, function)
            {
                SessionName = session,
            },
            Function = new FunctionRef(function, RoleArn),
            Action = action,
            Resource = resource,
            Layer = layer,
            ExplicitDeny = explicitDeny,
            Fix = fix,
        };
    }

    /// <summary>The diagnosis evaluated against live policies: an implicit deny with one near-miss Allow of an inline policy.</summary>
    public static Diagnosis Evaluated(Diagnosis diagnosis, string policyName = "read-reports", string sid = "ReadReports") =>
        diagnosis with
        {
            Evaluation = new PolicyEvaluation(PolicyEvaluation.LiveSource, new EvaluationResult(
                PolicyDecision.ImplicitDeny, Truth.True, DenialLayer.IdentityPolicy,
                [new StatementFinding(new StatementReference(new PolicySource(DenialLayer.IdentityPolicy, PolicyName: policyName), sid, 0), PolicyEffect.Allow, false, ["resource"], [])],
                [DenialLayer.ServiceControlPolicy, DenialLayer.ResourceControlPolicy])),
        };

    public static Finding Of(Diagnosis? diagnosis = null, long count = 3, FindingStatus status = FindingStatus.Open, int reopenCount = 0,
        FindingChangeKind? change = FindingChangeKind.Updated)
    {
        var d = diagnosis ?? Diagnosis();
        var key = FindingKey.For(d) ?? throw new InvalidOperationException("the diagnosis cannot be a finding");
        return new Finding
        {
            Id = key.Id,
            Key = key,
            Status = status,
            Count = count,
            FirstSeen = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
            LastSeen = new DateTimeOffset(2024, 5, 1, 10, 5, 0, TimeSpan.Zero),
            FunctionNames = d.Function?.Name is { } name ? [name] : [],
            SampleEventIds = [d.EventId ?? "e1"],
            Diagnosis = d,
            ReopenCount = reopenCount,
            LastChange = change,
        };
    }
}
