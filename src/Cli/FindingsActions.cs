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
                    FindingsMarkdownRenderer.Render($"Denied findings in {table}", null, Rows(items), stdout);
                    break;
                case OutputFormat.Html:
                    FindingsHtmlRenderer.Render(new FindingsHtmlRenderer.Report($"Denied findings in {table}", null, Rows(items), []), stdout);
                    break;
                default:
                    FindingsTableRenderer.Render(Rows(items), stdout, TerminalWidth.Of(stdout));
                    break;
            }

            return items.Count > 0 ? ExitCodes.DenialsFound : ExitCodes.Clean;
        });

    private static List<FindingsTableRenderer.Row> Rows(IEnumerable<Finding> items) =>
        items.Select(f => new FindingsTableRenderer.Row(f.Id, f.Count, f.LastSeen, FindingStatusCodes.Of(f.Status), f.Diagnosis, f.FunctionNames.ToList(), f.FirstSeen, f.Objects)).ToList();

    public static Task<int> ShowAsync(Target target, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store =>
        {
            var full = await FindingIdResolver.ResolveAsync(store, id, ct);
            return Print(full is null ? null : await store.GetAsync(full, ct), id, format, stdout, stderr);
        });

    /// <summary>Resolves a finding and says so in one line; `show` prints the diagnosis.</summary>
    public static Task<int> ResolveAsync(Target target, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store =>
        {
            var full = await FindingIdResolver.ResolveAsync(store, id, ct);
            return Confirm(full is null ? null : await store.ResolveAsync(full, ct), id, format, stdout, stderr,
                f => $"resolved finding {f.Id} ({Summary(f)}); it reopens and notifies if the denial happens again");
        });

    public static Task<int> UnmuteAsync(Target target, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        WithStore(target, stderr, async store =>
        {
            var full = await FindingIdResolver.ResolveAsync(store, id, ct);
            return Confirm(full is null ? null : await store.UnmuteAsync(full, ct), id, format, stdout, stderr,
                f => $"unmuted finding {f.Id} ({Summary(f)}): {FindingStatusCodes.Of(f.Status)}");
        });

    public static Task<int> MuteAsync(Target target, string id, string reason, string? until, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        MuteAsync(target, id, reason, until, TimeProvider.System, stdout, stderr, ct);

    /// <summary>Mutes a finding; an --until that is not in the future is refused (it would unmute at once).</summary>
    public static Task<int> MuteAsync(Target target, string id, string reason, string? until, TimeProvider clock, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        DateTimeOffset? untilTime;
        try
        {
            untilTime = FutureTime.Parse("--until", until, clock);
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return Task.FromResult(ExitCodes.Usage);
        }

        return WithStore(target, stderr, async store =>
        {
            var full = await FindingIdResolver.ResolveAsync(store, id, ct);
            return Confirm(full is null ? null : await store.MuteAsync(full, reason, untilTime, ct), id, OutputFormat.Table, stdout, stderr,
                f => $"muted finding {f.Id} ({Summary(f)}) {(untilTime is { } u ? $"until {FindingJson.Iso(u)}" : "until unmuted")}: {TextEscaping.PlainLine(reason, 200)}");
        });
    }

    private static string Summary(Finding f) =>
        $"{TextEscaping.PlainLine(f.Diagnosis.Action ?? "unknown action", 80)} by {TextEscaping.PlainLine(f.FunctionNames.FirstOrDefault() ?? f.Diagnosis.Function?.Name ?? "unknown function", 80)}, {Plural.Of(f.Count, "denial")}";

    private static int Confirm(Finding? finding, string id, OutputFormat format, TextWriter stdout, TextWriter stderr, Func<Finding, string> line)
    {
        if (finding is null)
        {
            stderr.WriteLine($"denied: no finding {TextEscaping.PlainLine(id, 80)}");
            return ExitCodes.AwsError;
        }

        if (format == OutputFormat.Json)
        {
            return Print(finding, id, format, stdout, stderr);
        }

        stdout.WriteLine(line(finding));
        return ExitCodes.Clean;
    }

    public static async Task<int> CreateTableAsync(Target target, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            var (_, client) = StoreFactory.Create(target.Aws, target.Table);
            using (client)
            {
                await client.CreateTableAsync(FindingTableSchema.CreateTableRequest(target.Table), ct);
                stdout.WriteLine($"created {TextEscaping.PlainLine(target.Table)}");
                return ExitCodes.Clean;
            }
        }
        catch (Exception e) when (AwsFailure.IsAwsFailure(e))
        {
            stderr.WriteLine(AwsFailure.Describe($"DynamoDB CreateTable of {TextEscaping.PlainLine(target.Table)}", target.Aws, e));
            return ExitCodes.AwsError;
        }
    }

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
                if (finding.Objects is { } mdObjects)
                {
                    stdout.WriteLine();
                    stdout.WriteLine(FindingsMarkdownRenderer.ObjectsLine(mdObjects));
                }

                DiagnosisMarkdownRenderer.Render(finding.Diagnosis, stdout);
                break;
            default:
                stdout.WriteLine($"finding {finding.Id}: {FindingStatusCodes.Of(finding.Status)}, {finding.Count} denials, first {FindingJson.Iso(finding.FirstSeen)}, last {FindingJson.Iso(finding.LastSeen)}"
                    + (finding.MuteReason is { } r ? $", muted: {TextEscaping.PlainLine(r, 200)}" : ""));
                if (finding.Objects is { } objects)
                {
                    stdout.WriteLine($"objects: {TextEscaping.PlainLine(objects.Summary(), 600)}; for example {string.Join(", ", objects.Samples.Select(s => TextEscaping.PlainLine(s, 400)))}");
                }

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
        try
        {
            var (store, client) = StoreFactory.Create(target.Aws, target.Table);
            using (client)
            {
                return await action(store);
            }
        }
        catch (CliInputException e)
        {
            stderr.WriteLine($"denied: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (AwsFailure.IsAwsFailure(e))
        {
            stderr.WriteLine(AwsFailure.Describe($"DynamoDB table {TextEscaping.PlainLine(target.Table)}", target.Aws, e));
            return ExitCodes.AwsError;
        }
    }
}
