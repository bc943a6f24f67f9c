using Denied.Diagnostics;
using Denied.Findings;
using Denied.Policies;
using Denied.Rendering;

namespace Denied.Notifications;

/// <summary>
/// The facts every notification format shows, in raw (unescaped) form: each renderer escapes them for its own
/// format. Raw values come from CloudTrail and are attacker-controlled.
/// </summary>
internal static class NotificationFacts
{
    /// <summary>The function's name; the execution role's name when only the role is known (a shared role).</summary>
    public static string Who(Finding f) =>
        FunctionName(f) ?? RoleName(f.Key.RoleArn);

    /// <summary>The function the finding belongs to, or null when only its role is known.</summary>
    public static string? FunctionName(Finding f) =>
        f.Diagnosis.Function?.Name is { Length: > 0 } name ? name : f.FunctionNames.FirstOrDefault(n => n.Length > 0);

    /// <summary>"orders-api-role" for "arn:aws:iam::1:role/service/orders-api-role".</summary>
    public static string RoleName(string roleArn)
    {
        var slash = roleArn.LastIndexOf('/');
        return slash >= 0 && slash < roleArn.Length - 1 ? roleArn[(slash + 1)..] : roleArn;
    }

    /// <summary>The IAM service prefix, lower case ("s3" for "s3:GetObject"); the whole action when it has no ':'.</summary>
    public static string Service(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? action[..colon].ToLowerInvariant() : action;
    }

    /// <summary>What happened, in a few words: "New", "Reopened", "Seen 1000+ times".</summary>
    public static string What(string transition) => NotificationTransition.KindOf(transition) switch
    {
        NotificationTransition.New => "New",
        NotificationTransition.ReopenedKind => "Reopened",
        NotificationTransition.ThresholdKind => $"Seen {NotificationTransition.NumberOf(transition)}+ times",
        _ => "Update",
    };

    /// <summary>The deny's nature in words, from the diagnosis' explicitDeny (null: the record does not say).</summary>
    public static string DenyKind(bool? explicitDeny) => explicitDeny switch
    {
        true => "explicit deny",
        false => "implicit deny (no policy allows it)",
        null => "the record does not say whether the deny is explicit",
    };

    /// <summary>
    /// The evaluation in a few words ("implicit-deny in the identity-policy (policies from live; not read: ...)"),
    /// or null when the diagnosis was not evaluated against policies.
    /// </summary>
    public static string? Evaluation(Diagnosis d) => d.Evaluation is { } e ? EvaluationText.Summary(e) : null;

    /// <summary>
    /// The statement the evaluation turned on: the one that decided (the Deny that applied, the Allow that granted,
    /// the statement whose condition could not be decided), else the nearest Allow that missed (the statement to
    /// edit), with its policy, Sid, effect and what it does not match; null when none was named. Raw: policy names
    /// and Sids come from the account's policies.
    /// </summary>
    public static string? DecidingStatement(Diagnosis d) =>
        d.Evaluation?.Result.Statements is { } statements
        && (statements.FirstOrDefault(s => s.Decisive) ?? statements.FirstOrDefault(s => s.Effect == PolicyEffect.Allow)) is { } statement
            ? EvaluationText.Statement(statement)
            : null;

    /// <summary><paramref name="value"/> cut to <paramref name="max"/> characters, never inside a surrogate pair; "..." marks a cut.</summary>
    public static string Cut(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var end = max - 3;
        if (end > 0 && char.IsHighSurrogate(value[end - 1]))
        {
            end--;
        }

        return value[..Math.Max(end, 0)] + "...";
    }
}
