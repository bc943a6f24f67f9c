using Denied.Diagnostics;
using Denied.Findings;

namespace Denied.Store.Tests.Support;

/// <summary>Builders for findings test data: one role denied s3:ListBucket, overridable field by field.</summary>
public static class Some
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    public static FindingKey Key(
        string resource = "arn:aws:s3:::orders-bucket",
        string action = "s3:ListBucket",
        string role = "arn:aws:iam::123456789012:role/service/orders-fn-role",
        string account = "123456789012") =>
        new(account, "us-east-1", role, action, resource, DenialLayer.IdentityPolicy);

    public static Diagnosis Diagnosis(FindingKey key, string? function = "orders-fn") => new()
    {
        EventId = "e-latest",
        Account = key.Account,
        Region = key.Region,
        Denied = true,
        ErrorCode = "AccessDenied",
        ErrorMessage = "User: x is not authorized to perform: " + key.Action,
        Principal = new PrincipalInfo(PrincipalKind.LambdaExecutionRole, "arn:aws:sts::123456789012:assumed-role/orders-fn-role/" + function, key.RoleArn, function),
        Function = new FunctionRef(function, key.RoleArn),
        Action = key.Action,
        Resource = key.Resource,
        Layer = key.Layer,
    };

    /// <summary>Events named by id, one second apart from <paramref name="start"/> (T0 by default).</summary>
    public static FindingObservation Observation(FindingKey key, IEnumerable<string> eventIds, DateTimeOffset? start = null, string? function = "orders-fn")
    {
        var t = start ?? T0;
        var events = eventIds.Select((id, i) => new ObservedEvent(id, t.AddSeconds(i), function, "msg-" + id)).ToList();
        return new FindingObservation(key, Diagnosis(key, function), events);
    }

    public static FindingObservation Observation(FindingKey key, params string[] eventIds) => Observation(key, eventIds, null);

    public static IEnumerable<string> Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D6}");
}
