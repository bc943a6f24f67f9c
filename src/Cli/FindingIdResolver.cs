using Denied.Findings;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Cli;

/// <summary>
/// A finding id as typed: the full 32 hex digits, or a unique prefix of at least <see cref="FindingIds.MinimumPrefix"/>
/// digits as the table prints it (like git's short commit ids). A prefix is looked up through the status index (a Query
/// per page, never a Scan); two findings sharing it is an error that names them.
/// </summary>
public static class FindingIdResolver
{
    private const int FullLength = 32;

    /// <returns>The full id, or null when no finding has it (or starts with it).</returns>
    public static async Task<string?> ResolveAsync(FindingStore store, string typed, CancellationToken ct)
    {
        var id = typed.Trim().ToLowerInvariant();
        if (id.Length is < FindingIds.MinimumPrefix or > FullLength || !id.All(char.IsAsciiHexDigitLower))
        {
            throw new CliInputException($"'{TextEscaping.PlainLine(typed, 80)}' is not a finding id (32 hex digits, or a prefix of at least {FindingIds.MinimumPrefix} as `denied findings list` shows)");
        }

        if (id.Length == FullLength)
        {
            return id;
        }

        var matches = new List<string>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync(new FindingQuery { Limit = 1000 }, token, ct);
            matches.AddRange(page.Items.Select(f => f.Id).Where(f => f.StartsWith(id, StringComparison.Ordinal)));
            token = page.NextPageToken;
        }
        while (token is not null && matches.Count < 2);

        return matches.Distinct(StringComparer.Ordinal).ToList() switch
        {
            [] => null,
            [var one] => one,
            var many => throw new CliInputException($"finding id prefix {id} is ambiguous: {string.Join(", ", many.Take(5))}; type more digits"),
        };
    }
}
