using System.Globalization;
using System.Text;
using System.Text.Json;
using Denied.Findings;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Cli;

/// <summary>What the `findings` subcommands do, separate from their parsing so tests can call them directly.</summary>
public static class FindingsActions
{
    public sealed record Target(AwsOptions Aws, string Table);

    public static Task<int> ListAsync(AwsOptions aws, string table, FindingQuery query, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(new Target(aws, table), stderr, async store =>
        {
            var found = new List<Finding>();
            string? token = null;
            do
            {
                var page = await store.QueryAsync(query, token, ct);
                found.AddRange(page.Items);
                token = page.NextPageToken;
            }
            while (token is not null && found.Count < query.Limit);

            var items = found.Take(query.Limit).ToList();
            switch (format)
            {
                case OutputFormat.Json:
                    stdout.WriteLine(JsonArray(items));
                    break;
                case OutputFormat.Markdown:
                    foreach (var f in items)
                    {
                        stdout.WriteLine($"**{FindingStatusCodes.Of(f.Status)}**, {f.Count} denials, last {FindingJson.Iso(f.LastSeen)}, finding `{f.Id}`");
                        stdout.WriteLine();
                        DiagnosisMarkdownRenderer.Render(f.Diagnosis, stdout);
                    }

                    break;
                default:
                    FindingsTableRenderer.Render(
                        items.Select(f => new FindingsTableRenderer.Row(f.Id, f.Count, f.LastSeen, FindingStatusCodes.Of(f.Status), f.Diagnosis, f.FunctionNames.ToList())).ToList(),
                        stdout);
                    break;
            }

            return items.Count > 0 ? ExitCodes.DenialsFound : ExitCodes.Clean;
        });

    public static Task<int> ShowAsync(Target target, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store => Print(await FindById(store, id, ct), id, format, stdout, stderr));

    public static Task<int> ResolveAsync(Target target, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store => Print(await store.ResolveAsync(ValidId(id), ct), id, format, stdout, stderr));

    public static Task<int> UnmuteAsync(Target target, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store => Print(await store.UnmuteAsync(ValidId(id), ct), id, format, stdout, stderr));

    public static Task<int> MuteAsync(Target target, string id, string reason, string? until, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store =>
        {
            DateTimeOffset? untilTime = until is null ? null
                : DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t
                : throw new CliInputException($"--until: '{TextEscaping.PlainLine(until, 80)}' is not an ISO-8601 time");
            return Print(await store.MuteAsync(ValidId(id), reason, untilTime, ct), id, OutputFormat.Table, stdout, stderr);
        });

    public static async Task<int> CreateTableAsync(Target target, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var (_, client) = StoreFactory.Create(target.Aws, target.Table);
        using (client)
        {
            try
            {
                await client.CreateTableAsync(FindingTableSchema.CreateTableRequest(target.Table), ct);
                stdout.WriteLine($"created {TextEscaping.PlainLine(target.Table)}");
                return ExitCodes.Clean;
            }
            catch (Amazon.Runtime.AmazonServiceException e)
            {
                stderr.WriteLine($"denied: create-table {TextEscaping.PlainLine(target.Table)}: {TextEscaping.PlainLine(e.Message)}");
                return ExitCodes.AwsError;
            }
        }
    }

    private static Task<Finding?> FindById(FindingStore store, string id, CancellationToken ct) => store.GetAsync(ValidId(id), ct);

    /// <summary>Finding ids are the 32 lower-case hex digits of <see cref="FindingKey.Id"/>; anything else is a typo.</summary>
    private static string ValidId(string id) =>
        id.Length == 32 && id.All(char.IsAsciiHexDigitLower)
            ? id
            : throw new CliInputException($"'{TextEscaping.PlainLine(id, 80)}' is not a finding id (32 lower-case hex digits)");

    private static int Print(Finding? finding, string id, OutputFormat format, TextWriter stdout, TextWriter stderr)
    {
        if (finding is null)
        {
            stderr.WriteLine($"denied: no finding {TextEscaping.PlainLine(id, 80)}");
            return ExitCodes.AwsError;
        }

        switch (format)
        {
            case OutputFormat.Json:
                stdout.WriteLine(JsonArray([finding]).Trim()[1..^1].Trim());
                break;
            case OutputFormat.Markdown:
                stdout.WriteLine($"**{FindingStatusCodes.Of(finding.Status)}**, {finding.Count} denials, first {FindingJson.Iso(finding.FirstSeen)}, last {FindingJson.Iso(finding.LastSeen)}");
                DiagnosisMarkdownRenderer.Render(finding.Diagnosis, stdout);
                break;
            default:
                stdout.WriteLine($"finding {finding.Id}: {FindingStatusCodes.Of(finding.Status)}, {finding.Count} denials, first {FindingJson.Iso(finding.FirstSeen)}, last {FindingJson.Iso(finding.LastSeen)}"
                    + (finding.MuteReason is { } r ? $", muted: {TextEscaping.PlainLine(r, 200)}" : ""));
                DiagnosisTextRenderer.Render(finding.Diagnosis, stdout);
                break;
        }

        return ExitCodes.Clean;
    }

    private static string JsonArray(IEnumerable<Finding> findings)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var f in findings)
            {
                FindingJson.Write(w, f);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static async Task<int> WithStore(Target target, TextWriter stderr, Func<FindingStore, Task<int>> action)
    {
        var (store, client) = StoreFactory.Create(target.Aws, target.Table);
        using (client)
        {
            try
            {
                return await action(store);
            }
            catch (CliInputException e)
            {
                stderr.WriteLine($"denied: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is FindingStoreException or FindingTableMismatchException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                stderr.WriteLine($"denied: {TextEscaping.PlainLine(target.Table)}: {TextEscaping.PlainLine(e.Message)}");
                return ExitCodes.AwsError;
            }
        }
    }
}
