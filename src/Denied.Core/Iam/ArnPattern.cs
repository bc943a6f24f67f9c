using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Denied.Iam;

/// <summary>
/// Fills and matches the Service Authorization Reference ARN patterns
/// (<c>arn:${Partition}:s3:::${BucketName}/${ObjectName}</c>).
/// </summary>
internal static class ArnPattern
{
    private static readonly Regex Variable = new(@"\$\{(?<name>[A-Za-z0-9_]+)\}", RegexOptions.CultureInvariant);

    // At most one compiled matcher per documented pattern (a few thousand in all).
    private static readonly ConcurrentDictionary<string, Regex> Matchers = new(StringComparer.Ordinal);

    /// <summary>
    /// The pattern with every variable replaced, or null when a variable has no value: a guessed or
    /// wildcarded part would make the ARN broader than the resource AWS evaluated.
    /// </summary>
    public static string? Fill(string pattern, IReadOnlyDictionary<string, string> values)
    {
        var missing = false;
        var filled = Variable.Replace(pattern, m =>
        {
            if (values.TryGetValue(m.Groups["name"].Value, out var value) && value.Length > 0)
            {
                return value;
            }

            missing = true;
            return m.Value;
        });
        return missing ? null : filled;
    }

    /// <summary>
    /// True when <paramref name="arn"/> has the pattern's literal parts in place. Partition, region and
    /// account match one ARN field each; named variables match any non-empty text, so a qualified
    /// function ARN ("function:f:prod") still fits the "function" type it is authorised as.
    /// </summary>
    public static bool Matches(string pattern, string arn) => Matchers.GetOrAdd(pattern, Compile).IsMatch(arn);

    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var last = 0;
        foreach (Match m in Variable.Matches(pattern))
        {
            regex.Append(Regex.Escape(pattern[last..m.Index]));
            regex.Append(m.Groups["name"].Value switch
            {
                "Partition" => "aws[a-z-]*",
                "Region" or "Account" => "[^:]*",
                _ => ".+",
            });
            last = m.Index + m.Length;
        }

        regex.Append(Regex.Escape(pattern[last..])).Append('$');
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
