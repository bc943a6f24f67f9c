namespace Denied.Rendering;

/// <summary>Short finding ids for people: the shortest prefix that still tells a set of ids apart.</summary>
public static class FindingIds
{
    /// <summary>Shorter prefixes are refused even when unique, so an id typed today still works when the table grows a little.</summary>
    public const int MinimumPrefix = 8;

    /// <summary>The length of the shortest prefix, at least <see cref="MinimumPrefix"/>, that no two of <paramref name="ids"/> share.</summary>
    public static int UniquePrefixLength(IReadOnlyList<string> ids)
    {
        var sorted = ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var length = MinimumPrefix;
        for (var i = 1; i < sorted.Count; i++)
        {
            length = Math.Max(length, CommonPrefix(sorted[i - 1], sorted[i]) + 1);
        }

        return Math.Min(length, sorted.Count == 0 ? MinimumPrefix : sorted.Max(s => s.Length));
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}
