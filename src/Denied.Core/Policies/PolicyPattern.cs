namespace Denied.Policies;

/// <summary>
/// A policy string after variable substitution: each character with a flag saying whether it is a
/// wildcard (<c>*</c> any run, <c>?</c> one character) or a literal. Values a variable brings in and the
/// escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c> are literals (IAM: policy variables, "Special characters").
/// </summary>
public sealed class PolicyPattern
{
    private readonly string _chars;
    private readonly bool[] _wild;

    internal PolicyPattern(string chars, bool[] wild)
    {
        _chars = chars;
        _wild = wild;
    }

    /// <summary>The pattern as plain text, wildcards and literals alike (for exact comparisons).</summary>
    public string Text => _chars;

    public bool Matches(string value, bool ignoreCase, bool wildcards = true)
    {
        if (!wildcards) return string.Equals(_chars, value, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        // Iterative glob matching with one backtrack point for the last '*' (linear in practice, no regex).
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < _chars.Length && _wild[p] && _chars[p] == '*')
            {
                starP = p++;
                starV = v;
            }
            else if (p < _chars.Length && ((_wild[p] && _chars[p] == '?') || Same(_chars[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else return false;
        }

        while (p < _chars.Length && _wild[p] && _chars[p] == '*') p++;
        return p == _chars.Length;
    }

    internal PolicyPattern Slice(int start, int length) => new(_chars.Substring(start, length), _wild[start..(start + length)]);

    /// <summary>A pattern with no variables: every <c>*</c> and <c>?</c> is a wildcard.</summary>
    public static PolicyPattern Plain(string text) =>
        new(text, text.Select(c => c is '*' or '?').ToArray());

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
