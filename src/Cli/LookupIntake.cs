using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Denied.AwsClients;
using Denied.CloudTrail;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// `scan --lookup`: reads CloudTrail event history (LookupEvents: the last 90 days of management events of one
/// account, per Region, no trail needed) and feeds each event's record through the same parser as a log file's.
/// Narrowed server-side by the one attribute the API takes per request (CloudTrail API Reference, LookupEvents):
/// --function becomes Username (a Lambda function's execution-role session is named after the function), else
/// --event-source becomes EventSource; --role, and --event-source when --function took the attribute, are applied
/// here to the records read.
/// </summary>
public sealed class LookupIntake(
    DateTimeOffset? from, DateTimeOffset? to, string? function, string? role, string? eventSource, IReadOnlyList<string> regions, TimeProvider clock)
    : ScanIntake
{
    /// <summary>How far back event history reaches.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    /// <summary>Throttling can outlast the default three retries when other tools share the account's two requests per second.</summary>
    private static readonly AwsRetryPolicy Retry = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8));

    public LookupAttribute? ServerSideAttribute =>
        function is { Length: > 0 } f ? new LookupAttribute("Username", f)
        : eventSource is { Length: > 0 } s ? new LookupAttribute("EventSource", s)
        : null;

    public async IAsyncEnumerable<(string Name, IEnumerable<InputItem> Items)> OpenAsync(
        AwsOptions aws, TextWriter stderr, [EnumeratorCancellation] CancellationToken ct)
    {
        if (from is { } f && clock.GetUtcNow() - f > History)
        {
            stderr.WriteLine("lookup: event history keeps 90 days; older events are only in a trail's archive (scan its S3 prefix or use --athena)");
        }

        var query = new LookupEventsQuery(from, to, ServerSideAttribute);
        var targets = regions.Count > 0 ? regions : [RemoteAws.Region(aws)];
        var watch = Stopwatch.StartNew();
        int pages = 0, events = 0, filtered = 0;
        string? stop = null;
        foreach (var region in targets)
        {
            var client = new CloudTrailLookupClient(RemoteAws.Endpoint(aws, region), RemoteAws.Http, RemoteAws.Credentials(aws, region), clock, Retry);
            await using var walk = client.LookupAsync(query, ct).GetAsyncEnumerator(ct);
            while (stop is null)
            {
                var (page, stopped) = await RemotePages.NextAsync(walk, pages, $"CloudTrail {region}", ct);
                if (page is null)
                {
                    stop = stopped;
                    break;
                }

                pages++;
                events += page.CloudTrailEvents.Count;
                var name = $"LookupEvents {region} page {page.Number}";
                var items = new List<InputItem>(page.CloudTrailEvents.Count);
                for (var i = 0; i < page.CloudTrailEvents.Count; i++)
                {
                    var item = Read(page.CloudTrailEvents[i], InputItem.LocationOf(name, i + 1));
                    if (item.Record is { } record && !Wanted(record))
                    {
                        filtered++;
                        continue;
                    }

                    items.Add(item);
                }

                yield return ($"{name} ({events:N0} events)", items);
            }

            if (stop is not null)
            {
                break;
            }
        }

        var summary = new StringBuilder($"lookup: {pages} pages, {events:N0} events read in {watch.Elapsed.TotalSeconds:F1} s from {string.Join(", ", targets)}");
        if (filtered > 0)
        {
            summary.Append($", {filtered:N0} set aside by --role/--event-source");
        }

        stderr.WriteLine(summary);
        if (stop is not null)
        {
            // An error item: the scan reports it and exits 3, and its findings cover only the pages read.
            yield return ("LookupEvents", [InputItem.Failed("LookupEvents", $"stopped after {pages} pages: {stop}; the results are partial")]);
        }
    }

    /// <summary>The same steps as a log file's records: a cheap not-a-denial test, then the record parser.</summary>
    private static InputItem Read(string? cloudTrailEvent, string location)
    {
        if (cloudTrailEvent is null)
        {
            return InputItem.Failed(location, "the event has no CloudTrailEvent");
        }

        var bytes = Encoding.UTF8.GetBytes(cloudTrailEvent);
        if (!CloudTrailRecordParser.MayBeDenial(bytes))
        {
            return InputItem.Skipped(location);
        }

        var parsed = CloudTrailRecordParser.Parse(bytes);
        return parsed.Record is { } record ? InputItem.Of(location, record) : InputItem.Failed(location, parsed.Error!);
    }

    private bool Wanted(CloudTrailRecord record)
    {
        if (role is { Length: > 0 } r)
        {
            var issuer = record.UserIdentity?.SessionContext?.SessionIssuer;
            var matches = issuer?.UserName == r || (issuer?.Arn?.EndsWith("/" + r, StringComparison.Ordinal) ?? false);
            if (!matches)
            {
                return false;
            }
        }

        return ServerSideAttribute?.Key == "EventSource" || eventSource is not { Length: > 0 } source || record.EventSource == source;
    }
}
