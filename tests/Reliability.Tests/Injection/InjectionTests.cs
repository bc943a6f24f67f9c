using System.Text.Json;
using System.Text.Json.Nodes;
using Reliability.Tests.Fuzz;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Injection;

/// <summary>
/// Every hostile payload in every attacker-controlled field through every output (issue part 5), the Notifier's
/// published forms included. Each payload is placed behind <see cref="HostilePayloads.Marker"/>, so the test sees
/// where it reached: every (field, output) pair the product shows must carry it, except the reviewed pairs in
/// <see cref="NotReached"/>, and only renderings that carry it are counted. Rules per output: terminal, table,
/// markdown, email text and the Slack values carry no Control, Format or separator character but newline and tab
/// (<see cref="TextOracles"/>; Slack may keep its own zero-width spaces); markdown and the Slack payload form no
/// link, image, HTML tag or mention the clean record did not already have; JSON, structured JSON and the Slack
/// payload stay valid JSON with no raw angle bracket; the email subject stays one printable ASCII line; each
/// message attribute is one printable line.
/// </summary>
public sealed class InjectionTests(ITestOutputHelper output)
{
    private const string SampleEventId = "8a119b9e-16bc-4732-8f7b-7676d015b0dc";

    private static readonly string[] MarkupTokens = ["](", "<http", "<mailto", "<script", "<img", "<!--", "<html", "javascript:"];
    private static readonly string[] SlackTokens = ["<!", "<@", "<#", "<http", "<mailto", "](", "@here", "@channel", "@everyone"];

    /// <summary>
    /// The (field, output) pairs a payload is not expected to reach, with the reason. Reviewed: a change that
    /// routes one of these fields into that output fails the test until the pair is taken off this list.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Field, string Output), string> NotReached = Reasons();

    public static JsonObject SampleRecord() => Seeds.SampleRecords.Single(r => Seeds.EventId(r) == SampleEventId).DeepClone().AsObject();

    [Fact]
    public void HostilePayloadsInEveryAttackerControlledFieldReachEveryOutputTheProductPromisesAndCannotInjectIntoIt()
    {
        Assert.True(HostilePayloads.All.Count >= 60, $"the corpus holds {HostilePayloads.All.Count} payloads");
        var baseline = RenderedOutputs.Of(SampleRecord());
        Assert.DoesNotContain(baseline.Values, v => v.Contains(HostilePayloads.Marker, StringComparison.Ordinal));
        var failures = new List<string>();
        var reached = 0;
        var pairs = new HashSet<(string, string)>();
        foreach (var (field, place) in HostilePayloads.Placements)
        {
            foreach (var payload in HostilePayloads.Renderable)
            {
                var record = SampleRecord();
                place(record, HostilePayloads.Carried(payload));
                foreach (var (name, text) in RenderedOutputs.Of(record))
                {
                    var expected = NotReachedReason(field, name, payload) is null;
                    var carries = text.Contains(HostilePayloads.Marker, StringComparison.Ordinal);
                    if (carries != expected)
                    {
                        failures.Add($"{field} <- {Show(payload)}: {name}: " + (expected ? "the payload did not reach it" : "the payload reached it, though listed in NotReached"));
                    }

                    if (carries)
                    {
                        reached++;
                        pairs.Add((field, name));
                    }

                    if (Check(name, text, baseline[name]) is { } problem)
                    {
                        failures.Add($"{field} <- {Show(payload)}: {name}: {problem}");
                    }
                }
            }
        }

        output.WriteLine($"{HostilePayloads.Renderable.Count} payloads x {pairs.Count} reached (field, output) pairs = {reached} renderings, {failures.Count} failures"
            + $" ({HostilePayloads.Placements.Count} fields x {baseline.Count} outputs, {NotReached.Count} pairs not reached by design)");
        foreach (var ((field, name), reason) in NotReached.OrderBy(p => p.Key.Field, StringComparer.Ordinal))
        {
            output.WriteLine($"  not reached: {field} -> {name}: {reason}");
        }

        output.WriteLine($"  not reached for the {HostilePayloads.All.Count(p => p.Contains('/', StringComparison.Ordinal))} payloads with '/': sessionName -> {string.Join(", ", FunctionNameOnly)}");
        output.WriteLine($"  not reached for the payloads without '\"': errorMessage -> {string.Join(", ", ResourceOnly.Keys)}");

        foreach (var group in failures.GroupBy(f => f[..f.IndexOf(" <- ", StringComparison.Ordinal)] + " ->" + f[f.IndexOf(": ", StringComparison.Ordinal)..]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  FAILED {group.Count()}x: {group.Key}" + (group.Count() <= 12 ? ": " + string.Join(" ", group.Select(f => f.Split(" <- ")[1].Split(": ")[0])) : ""));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(HostilePayloads.Placements.Count * baseline.Count - NotReached.Count, pairs.Count);
        Assert.True(reached >= pairs.Count * (HostilePayloads.Renderable.Count - 12), $"only {reached} renderings carried the payload");
    }

    /// <summary>
    /// An unpaired surrogate cannot be shown, copied or written as UTF-8: a record whose typed field holds one (as a
    /// JSON <c>\uD800</c> escape) is refused at parse with a clear error, and one inside requestParameters (kept as
    /// raw JSON) is read as U+FFFD or refused, never an exception out of the diagnosis or a renderer.
    /// </summary>
    [Fact]
    public void ARecordCarryingAnUnpairedSurrogateIsRefusedAtParseOrRenderedWithoutIt()
    {
        var payloads = HostilePayloads.All.Where(HostilePayloads.HasUnpairedSurrogate).ToList();
        Assert.NotEmpty(payloads);
        var failures = new List<string>();
        foreach (var (field, place) in HostilePayloads.Placements)
        {
            foreach (var payload in payloads)
            {
                var record = SampleRecord();
                place(record, HostilePayloads.Carried(payload));
                var parsed = Denied.CloudTrail.CloudTrailRecordParser.Parse(RenderedOutputs.RecordJson(record));
                if (parsed.Record is null)
                {
                    if (string.IsNullOrWhiteSpace(parsed.Error) || !parsed.Error.StartsWith("not a CloudTrail record", StringComparison.Ordinal))
                    {
                        failures.Add($"{field} <- {Show(payload)}: refused without a clear error: {parsed.Error}");
                    }

                    continue;
                }

                failures.AddRange(RenderedOutputs.Of(record).Select(o => (o.Key, Problem: Check(o.Key, o.Value, o.Value))).Where(o => o.Problem is not null)
                    .Select(o => $"{field} <- {Show(payload)}: {o.Key}: {o.Problem}"));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private static string? Check(string output, string text, string baseline)
    {
        switch (output)
        {
            case RenderedOutputs.Json or RenderedOutputs.Structured or RenderedOutputs.StructuredCompact or RenderedOutputs.StructuredBrief:
                return TextOracles.Json(text);
            case RenderedOutputs.Slack:
                if (TextOracles.Json(text) is { } json)
                {
                    return json;
                }

                var values = string.Join("\n", RenderedOutputs.Strings(JsonNode.Parse(text)));
                var baseValues = string.Join("\n", RenderedOutputs.Strings(JsonNode.Parse(baseline)));
                return NewTokens(values, baseValues, SlackTokens) ?? Controls(values, allowSlackZeroWidthSpace: true);
            case RenderedOutputs.EmailSubject:
                return text.Length is 0 or > 100 || text.Any(c => c is < ' ' or > '~') ? "not one printable ASCII line of at most 100 characters" : null;
            case RenderedOutputs.Attributes:
                var lines = text.Split('\n');
                return lines.Length != RenderedOutputs.NotificationAttributesInOrder.Length ? "an attribute is missing or spans lines"
                    : lines.Select((v, i) => TextOracles.PrintableLine(v, 256) is { } p ? $"attribute {RenderedOutputs.NotificationAttributesInOrder[i]}: {p}" : null)
                        .FirstOrDefault(p => p is not null);
            case RenderedOutputs.Markdown:
                // Inside a fenced block (fenced by TextEscaping.CodeFence, which no backtick run inside can close) markup is inert text; control
                // and format characters are rejected everywhere, fences included.
                return NewTokens(OutsideFences(text), OutsideFences(baseline), MarkupTokens) ?? Controls(text);
            default:
                return Controls(text);
        }
    }

    private static string? Controls(string text, bool allowSlackZeroWidthSpace = false) =>
        TextOracles.Unsafe(text, allowSlackZeroWidthSpace) is { } c ? "a control, format or separator character: " + c : null;

    private static Dictionary<(string, string), string> Reasons()
    {
        const string userAgent = "the user agent is evidence kept in the diagnosis record: only the JSON forms (CLI JSON, full and compact structured) carry it";
        const string subject = "the subject names the function, the action and the layer only";
        const string attributes = "the attributes are account, function, service, layer, severity, transition and findingId";
        var reasons = new Dictionary<(string, string), string>();
        foreach (var name in new[]
        {
            RenderedOutputs.Terminal, RenderedOutputs.Table, RenderedOutputs.Markdown, RenderedOutputs.EmailSubject, RenderedOutputs.Attributes,
            RenderedOutputs.Slack, RenderedOutputs.EmailBody, RenderedOutputs.EmailCompact, RenderedOutputs.EmailBrief, RenderedOutputs.StructuredBrief,
        })
        {
            reasons[("userAgent", name)] = userAgent;
        }

        reasons[("errorMessage", RenderedOutputs.EmailSubject)] = subject;
        reasons[("errorMessage", RenderedOutputs.Attributes)] = attributes;
        reasons[("requestParameters", RenderedOutputs.EmailSubject)] = subject;
        reasons[("requestParameters", RenderedOutputs.Attributes)] = attributes;
        reasons[("resourceName", RenderedOutputs.EmailSubject)] = subject;
        reasons[("resourceName", RenderedOutputs.Attributes)] = attributes;
        reasons[("roleName", RenderedOutputs.EmailSubject)] = subject;
        reasons[("roleName", RenderedOutputs.Attributes)] = attributes;
        reasons[("roleName", RenderedOutputs.Table)] = "the table shows id, count, last seen, status, function, action, resource and layer; not the role";
        return reasons;
    }

    /// <summary>
    /// Outputs that show the session name only as the function's name: STS allows no '/' in a session name
    /// ([\w+=,.@-]), and the parser reads the role ARN's last segment as the session, so the text before a '/'
    /// (the marker) is not the function's name. The part after it still reaches them and is checked all the same.
    /// </summary>
    private static readonly HashSet<string> FunctionNameOnly = new(StringComparer.Ordinal)
    {
        RenderedOutputs.EmailSubject, RenderedOutputs.Table, RenderedOutputs.Attributes, RenderedOutputs.StructuredBrief,
    };

    private static string? NotReachedReason(string field, string output, string payload) =>
        NotReached.TryGetValue((field, output), out var reason) ? reason
        : field == "sessionName" && payload.Contains('/', StringComparison.Ordinal) && FunctionNameOnly.Contains(output)
            ? "a session name with '/' is read from its last segment, which the marker is not in"
        : field == "errorMessage" && !payload.Contains('"', StringComparison.Ordinal) && ResourceOnly.TryGetValue(output, out var why)
            ? why
        : field == "resourceName" && MessageNamesNoBucket("acme-" + payload) && ResourceOnly.ContainsKey(output) && output != RenderedOutputs.EmailBrief
            ? "a bucket name S3 cannot hold (ASCII letters, digits, '.', '-', '_' for a legacy name the request names), named by the message, is no resource: the resource is null and the name is in a note, which these outputs do not show"
            : null;

    /// <summary>
    /// The message's S3 resource names a bucket S3 cannot hold. A resource longer than the message parser reads (2,048
    /// characters) leaves the message unread, and the resource then comes from requestParameters as it is.
    /// </summary>
    private static bool MessageNamesNoBucket(string bucket) =>
        $"arn:aws:s3:::{bucket}/k".Length <= 2048 && !bucket.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>
    /// Outputs that show the message only through the resource it names. The payload is placed after the message's
    /// clause; the quoted resource runs to the message's last quote (an S3 key may hold quotes, and AWS's own clause
    /// follows the whole key), so a payload with a quote becomes part of the resource, which these outputs show.
    /// </summary>
    private static readonly Dictionary<string, string> ResourceOnly = new(StringComparer.Ordinal)
    {
        [RenderedOutputs.Table] = "the table shows id, count, last seen, status, function, action, resource and layer; not the error",
        [RenderedOutputs.StructuredBrief] = "the minimal structured form keeps identity, counts and status only",
        [RenderedOutputs.EmailBrief] = "the brief email cuts each value at 256 characters, and the placed text follows the record's own 240-character message",
    };

    private static string? NewTokens(string text, string baseline, string[] tokens) =>
        tokens.FirstOrDefault(t => Count(text, t) > Count(baseline, t)) is { } token ? $"a new '{token}'" : null;

    private static string OutsideFences(string markdown)
    {
        var inside = false;
        var kept = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inside = !inside;
            }
            else if (!inside)
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept);
    }

    private static int Count(string text, string token)
    {
        var n = 0;
        for (var i = text.IndexOf(token, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(token, i + token.Length, StringComparison.OrdinalIgnoreCase))
        {
            n++;
        }

        return n;
    }

    private static string Show(string payload) => JsonValue.Create(payload.Length > 40 ? payload[..40] + "..." : payload).ToJsonString();
}
