using System.Text.RegularExpressions;

namespace Denied.Remediation;

/// <summary>An IAM action split into its service prefix and name ("s3:GetObject" -> "s3", "GetObject").</summary>
internal sealed partial record ActionName(string Service, string Name)
{
    public string Full => Service + ":" + Name;

    /// <summary>
    /// Null unless the value is a single concrete action. A wildcard is refused: the fix must never be broader than
    /// the denied action, and a value that is not an action at all is not copied into a policy.
    /// </summary>
    public static ActionName? TryParse(string? value)
    {
        if (value is null || !Shape().IsMatch(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return new ActionName(value[..colon], value[(colon + 1)..]);
    }

    public bool Is(string full) => string.Equals(Full, full, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\A[a-z0-9-]{1,64}:[A-Za-z0-9]{1,128}\z")]
    private static partial Regex Shape();
}
