using System.CommandLine;

namespace Denied.Cli;

/// <summary>"did you mean …?" for a mistyped command or option: the nearest names by edit distance.</summary>
public static class Suggestions
{
    /// <summary>The names a token could have meant in <paramref name="command"/>: its subcommands, or its options for a token starting with '-'.</summary>
    public static IReadOnlyList<string> For(string token, Command command)
    {
        var candidates = token.StartsWith('-')
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        return Nearest(token, candidates);
    }

    /// <summary>Candidates within a small edit distance (one typo per three characters, at least two), nearest first.</summary>
    public static IReadOnlyList<string> Nearest(string token, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, token.TrimStart('-').Length / 3);
        var scored = candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: Distance(token, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return scored.Count == 0 ? [] : scored.TakeWhile(c => c.Distance == scored[0].Distance).Select(c => c.Name).ToList();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("scna" is one from "scan").</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
