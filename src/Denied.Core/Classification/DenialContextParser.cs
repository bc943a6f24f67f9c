using System.Text.RegularExpressions;

namespace Denied.Classification;

/// <summary>
/// Parses the "why" clause that follows the action and resource of an enhanced message:
/// "because no X allows the A action" (implicit) or "with an explicit deny in a X[: arn]" (explicit),
/// the VPC endpoint "transitively through a service control policy" form, and the role trust policy
/// wording (IAM UG troubleshoot_access-denied; AWS blog "Enhanced access denied error messages with
/// policy ARNs"). Ordered, most specific first; the result carries only the clause's fields.
/// </summary>
internal static partial class DenialContextParser
{
    private const string Article = "(?:an? |the )?";
    private const string Type = "(?<type>[a-z -]{1,80}?)";
    private const string Arn = "(?:: (?<arn>arn:[^\\s]{1,2048}))?";
    private const string End = "\\.?\\s*$";

    private static readonly (Regex Regex, bool? Explicit)[] Clauses =
    [
        (ExplicitTransitive(), true),
        (Explicit(), true),
        (Implicit(), false),
        // The IAM UG prints "because the role trust policy allows the sts:AssumeRole action" (sic): implicit.
        (TrustPolicyAllows(), false),
        (ExplicitLoose(), true),
        (ImplicitLoose(), false),
    ];

    /// <summary>The clause's fields, or an empty record when the tail is empty or unrecognised.</summary>
    public static ParsedDenialMessage Parse(string? tail)
    {
        var text = tail?.Trim() ?? string.Empty;
        foreach (var (regex, isExplicit) in Clauses)
        {
            if (SafeRegex.Match(regex, text) is { } m)
            {
                var type = PolicyTypeNames.Normalise(SafeRegex.Group(m, "type"));
                return new ParsedDenialMessage
                {
                    PolicyType = type,
                    ExplicitDeny = isExplicit,
                    PolicyArn = SafeRegex.TrimPeriod(SafeRegex.Group(m, "arn")),
                    Via = PolicyTypeNames.Normalise(SafeRegex.Group(m, "via")),
                };
            }
        }

        return new ParsedDenialMessage();
    }

    [GeneratedRegex("^(?:with|due to) an explicit deny in " + Article + Type + " transitively through " + Article
        + "(?<via>[a-z -]{1,80}?)" + Arn + End, SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ExplicitTransitive();

    [GeneratedRegex("^(?:with|due to) an explicit deny in " + Article + Type + Arn + End,
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Explicit();

    [GeneratedRegex("^because no " + Type + " allows the [^\\s]{1,256} action" + Arn + End,
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Implicit();

    [GeneratedRegex("^because the (?<type>role trust policy) allows the [^\\s]{1,256} action" + End,
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex TrustPolicyAllows();

    // Loose forms keep the verdict when trailing text defeats the strict ones; the type is then
    // the known name the clause starts with, if any.
    [GeneratedRegex("^(?:with|due to) an explicit deny(?: in " + Article + "(?<type>(?:identity-based|resource-based|service control"
        + "|resource control|permissions boundary|sessions?|vpc endpoint|role trust)(?: policy)?))?",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ExplicitLoose();

    [GeneratedRegex("^because no (?<type>(?:identity-based|resource-based|service control|resource control"
        + "|permissions boundary|sessions?|vpc endpoint|role trust)(?: policy)?)",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex ImplicitLoose();
}
