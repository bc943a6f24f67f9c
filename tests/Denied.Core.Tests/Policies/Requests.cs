using Denied.Policies;

namespace Denied.Core.Tests.Policies;

/// <summary>Small builders for request contexts in the policy tests.</summary>
internal static class Requests
{
    public const string Session = "arn:aws:sts::111122223333:assumed-role/app-role/fn-session";
    public const string RoleArn = "arn:aws:iam::111122223333:role/app-role";
    public const string Bucket = "arn:aws:s3:::amzn-s3-demo-bucket";

    /// <summary>Keys as "name=value" (a "|" separates values of a multivalued key); unknown keys are those not listed, unless complete.</summary>
    public static RequestContext Context(
        string action = "s3:GetObject",
        string resource = Bucket + "/reports/q1.csv",
        string principal = Session,
        string? resourceAccount = "111122223333",
        bool complete = true,
        params string[] keys) =>
        new(RequestPrincipal.FromArn(principal), action, resource, resourceAccount,
            keys.Select(k => k.Split('=', 2)).Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p[0], p[1].Split('|'))),
            complete);

    public static PolicyDocument Policy(string json) => PolicyParser.Parse(json);
}
