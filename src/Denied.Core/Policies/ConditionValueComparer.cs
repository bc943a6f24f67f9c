using System.Globalization;
using System.Net;

namespace Denied.Policies;

/// <summary>
/// Compares one request value with one policy value for an operator family (IAM JSON policy reference:
/// condition operators). A value that does not parse for its family (a number, a date, an address)
/// does not match. Policy variables are substituted in the String and Arn families only, as documented.
/// </summary>
internal static class ConditionValueComparer
{
    /// <summary>
    /// <paramref name="unresolvable"/> is set when a policy variable in <paramref name="policyValue"/> has no
    /// value ("If AWS cannot resolve a variable this might cause the entire statement to be invalid", IAM
    /// User Guide, "IAM policy elements: Variables and tags"): the value then matches nothing and a negated
    /// operator over it does not hold either.
    /// </summary>
    public static Truth Compare(ConditionOperator op, string requestValue, string policyValue, RequestContext context, bool substitute, out bool unresolvable)
    {
        unresolvable = false;
        switch (op.Family)
        {
            case ConditionOperatorFamily.String:
            case ConditionOperatorFamily.StringIgnoreCase:
            case ConditionOperatorFamily.StringLike:
            case ConditionOperatorFamily.Arn:
                var resolved = PolicyVariables.Resolve(policyValue, context, substitute, out var pattern);
                unresolvable = resolved == Truth.False;
                if (resolved != Truth.True) return resolved;
                return TruthLogic.Of(op.Family switch
                {
                    ConditionOperatorFamily.String => pattern.Matches(requestValue, ignoreCase: false, wildcards: false),
                    ConditionOperatorFamily.StringIgnoreCase => pattern.Matches(requestValue, ignoreCase: true, wildcards: false),
                    ConditionOperatorFamily.StringLike => pattern.Matches(requestValue, ignoreCase: false),
                    _ => ArnMatcher.Matches(pattern, requestValue),
                });
            case ConditionOperatorFamily.Numeric:
                return TruthLogic.Of(TryNumber(requestValue, out var a) && TryNumber(policyValue, out var b) && Ordered(a.CompareTo(b), op.Comparison));
            case ConditionOperatorFamily.Date:
                return TruthLogic.Of(TryDate(requestValue, out var d1) && TryDate(policyValue, out var d2) && Ordered(d1.CompareTo(d2), op.Comparison));
            case ConditionOperatorFamily.Bool:
                return TruthLogic.Of(bool.TryParse(requestValue, out var x) && bool.TryParse(policyValue, out var y) && x == y);
            case ConditionOperatorFamily.Binary:
                return TruthLogic.Of(string.Equals(requestValue, policyValue, StringComparison.Ordinal));
            case ConditionOperatorFamily.IpAddress:
                return TruthLogic.Of(IpMatches(requestValue, policyValue));
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op.Family, "Null compares presence, not values");
        }
    }

    private static bool Ordered(int order, ConditionComparison comparison) => comparison switch
    {
        ConditionComparison.Equal => order == 0,
        ConditionComparison.Less => order < 0,
        ConditionComparison.LessOrEqual => order <= 0,
        ConditionComparison.Greater => order > 0,
        _ => order >= 0,
    };

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Dates are ISO 8601 (W3C profile) or epoch seconds (IAM: "Date condition operators").</summary>
    internal static bool TryDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
               && text.Length >= 10 && char.IsAsciiDigit(text[0]);
    }

    /// <summary>An address without a prefix length is a single host (/32, /128); IPv4 and IPv6 never match each other.</summary>
    private static bool IpMatches(string requestValue, string policyValue)
    {
        if (!IPAddress.TryParse(requestValue, out var address)) return false;
        if (!policyValue.Contains('/', StringComparison.Ordinal))
            return IPAddress.TryParse(policyValue, out var single) && single.Equals(address);
        return IPNetwork.TryParse(policyValue, out var network) && network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address)
               || TryLooseNetwork(policyValue, out network) && network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address);
    }

    /// <summary>IAM accepts a CIDR whose host bits are set (203.0.113.7/24); .NET's parser refuses it, so mask them first.</summary>
    private static bool TryLooseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(text[..slash], out var baseAddress)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)) return false;
        var bytes = baseAddress.GetAddressBytes();
        if (prefix > bytes.Length * 8) return false;
        for (var bit = prefix; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        network = new IPNetwork(new IPAddress(bytes), prefix);
        return true;
    }
}
