namespace Denied.Policies;

/// <summary>
/// Matches an ARN against a policy ARN pattern the way IAM does for Resource elements and the Arn
/// condition operators: the six colon-delimited components are compared separately, each may hold
/// <c>*</c> and <c>?</c>, and the comparison is case-sensitive (IAM JSON policy reference: "Amazon Resource
/// Name (ARN) condition operators"; Resource: "ARNs are case sensitive").
/// </summary>
public static class ArnMatcher
{
    public static bool Matches(PolicyPattern pattern, string arn)
    {
        if (pattern.Text == "*") return true;
        var patternParts = SplitPattern(pattern);
        var arnParts = arn.Split(':', 6);
        if (patternParts is null || arnParts.Length != 6) return false;
        for (var i = 0; i < 6; i++)
            if (!patternParts[i].Matches(arnParts[i], ignoreCase: false)) return false;
        return true;
    }

    private static PolicyPattern[]? SplitPattern(PolicyPattern pattern)
    {
        var text = pattern.Text;
        var parts = new PolicyPattern[6];
        var start = 0;
        for (var i = 0; i < 5; i++)
        {
            var colon = text.IndexOf(':', start);
            if (colon < 0) return null;
            parts[i] = pattern.Slice(start, colon - start);
            start = colon + 1;
        }

        parts[5] = pattern.Slice(start, text.Length - start);
        return parts;
    }
}
