using Denied.Findings;
using Denied.Intake;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Cli;

/// <summary>
/// The suppression rules a scan applies: those in `--suppressions FILE` (as `denied suppressions list --output json`
/// prints them) plus those stored in the findings table that `--table` or `--to-table` names, so a backfill never
/// writes a finding the table's own rules would have silenced. No file and no table: no rules.
/// </summary>
public static class ScanSuppressions
{
    public static async Task<IReadOnlyList<SuppressionRule>> LoadAsync(FileInfo? file, string? table, AwsOptions aws, CancellationToken ct)
    {
        var rules = new List<SuppressionRule>();
        if (file is not null)
        {
            try
            {
                rules.AddRange(SuppressionRulesJson.Parse(await File.ReadAllBytesAsync(file.FullName, ct)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new CliInputException($"--suppressions {TextEscaping.PlainLine(file.FullName)}: {e.Message}");
            }
        }

        if (table is not null)
        {
            var (store, client) = StoreFactory.Create(aws, table);
            using (client)
            {
                rules.AddRange(await store.ListSuppressionsAsync(ct));
            }
        }

        return rules;
    }

    /// <summary>", 4 suppressed (canary: 3, probe: 1)", or "" when no rule silenced anything.</summary>
    public static string Summary(ScanStats stats) =>
        stats.Suppressed == 0 ? ""
        : $", {stats.Suppressed:N0} suppressed ({string.Join(", ", stats.SuppressedByRule.Select(r => $"{TextEscaping.PlainLine(r.Key, 80)}: {r.Value:N0}"))})";
}
