using Denied.Diagnostics;
using Denied.Findings;
using Denied.Remediation;

namespace Notifier.Tests;

/// <summary>A realistic denial of orders-api (s3:GetObject, identity policy) and its observation, overridden per test.</summary>
internal static class SomeDiagnosis
{
    public const string Account = "123456789012";
    public const string RoleArn = "arn:aws:iam::123456789012:role/service/orders-api-role";

    public static Diagnosis For(string action = "s3:GetObject", string resource = "arn:aws:s3:::acme-orders/2024/05/order-1001.json", string function = "orders-api") => new()
    {
        EventId = "e-0",
        EventTime = "2024-05-01T10:05:00Z",
        Account = Account,
        Region = "us-east-1",
        EventSource = "s3.amazonaws.com",
        EventName = "GetObject",
        Denied = true,
        ErrorCode = "AccessDenied",
        ErrorMessage = $"User: arn:aws:sts::123456789012:assumed-role/orders-api-role/{function} is not authorized to perform: {action} on resource: \"{resource}\" because no identity-based policy allows the {action} action",
        Principal = new PrincipalInfo(PrincipalKind.LambdaExecutionRole, $"arn:aws:sts::123456789012:assumed-role/orders-api-role/{function}", RoleArn, function) { SessionName = function },
        Function = new FunctionRef(function, RoleArn),
        Action = action,
        Resource = resource,
        Layer = DenialLayer.IdentityPolicy,
        ExplicitDeny = false,
        Fix = FixBuilder.Build(new FixRequest
        {
            Action = action, Resource = resource, Layer = DenialLayer.IdentityPolicy, ExplicitDeny = false,
            RoleArn = RoleArn, FunctionName = function, Account = Account, Region = "us-east-1",
        }),
    };

    public static FindingObservation Observation(Diagnosis diagnosis, params string[] eventIds) =>
        new(FindingKey.For(diagnosis)!, diagnosis, eventIds
            .Select((id, i) => new ObservedEvent(id, new DateTimeOffset(2024, 5, 1, 10, i, 0, TimeSpan.Zero), diagnosis.Function?.Name, "test:" + id))
            .ToList());
}
