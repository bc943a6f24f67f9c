using System.Text.Json;
using System.Text.Json.Nodes;
using Reliability.Tests.Fuzz;
using Reliability.Tests.Support;
using Xunit.Abstractions;

namespace Reliability.Tests.Injection;

/// <summary>
/// Every hostile payload in every attacker-controlled field through every output (issue part 5). Rules per
/// output: terminal, table, markdown and email text carry no control character or bidi override; markdown and the
/// Slack payload form no link, image, HTML tag or mention the clean record did not already have; JSON and the
/// Slack payload stay valid JSON with no raw angle bracket; the email subject stays one printable ASCII line.
/// </summary>
public sealed class InjectionTests(ITestOutputHelper output)
{
    private const string SampleEventId = "8a119b9e-16bc-4732-8f7b-7676d015b0dc";

    private static readonly string[] MarkupTokens = ["](", "<http", "<mailto", "<script", "<img", "<!--", "<html", "javascript:"];
    private static readonly string[] SlackTokens = ["<!", "<@", "<#", "<http", "<mailto", "](", "@here", "@channel", "@everyone"];

    public static JsonObject SampleRecord() => Seeds.SampleRecords.Single(r => Seeds.EventId(r) == SampleEventId).DeepClone().AsObject();

    [Fact]
    public void HostilePayloadsInEveryAttackerControlledFieldCannotInjectIntoAnyOutput()
    {
        Assert.True(HostilePayloads.All.Count >= 50, $"the corpus holds {HostilePayloads.All.Count} payloads");
        var baseline = RenderedOutputs.Of(SampleRecord());
        var failures = new List<string>();
        var tried = 0;
        foreach (var (field, place) in HostilePayloads.Placements)
        {
            foreach (var payload in HostilePayloads.All)
            {
                var record = SampleRecord();
                place(record, payload);
                foreach (var (name, text) in RenderedOutputs.Of(record))
                {
                    tried++;
                    if (Check(name, text, baseline[name]) is { } problem)
                    {
                        failures.Add($"{field} <- {Show(payload)}: {name}: {problem}");
                    }
                }
            }
        }

        output.WriteLine($"{HostilePayloads.All.Count} payloads x {HostilePayloads.Placements.Count} fields x {baseline.Count} outputs = {tried} renderings, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    private static string? Check(string output, string text, string baseline)
    {
        switch (output)
        {
            case RenderedOutputs.Json:
                return !IsJson(text) ? "not valid JSON" : text.IndexOfAny(['<', '>']) >= 0 ? "a raw angle bracket" : Controls(text);
            case RenderedOutputs.Slack:
                if (!IsJson(text))
                {
                    return "not valid JSON";
                }

                var values = string.Join("\n", RenderedOutputs.Strings(JsonNode.Parse(text)));
                var baseValues = string.Join("\n", RenderedOutputs.Strings(JsonNode.Parse(baseline)));
                return NewTokens(values, baseValues, SlackTokens) ?? Controls(values);
            case RenderedOutputs.EmailSubject:
                return text.Length is 0 or > 100 || text.Any(c => c is < ' ' or > '~') ? "not one printable ASCII line of at most 100 characters" : null;
            case RenderedOutputs.Markdown:
                // Inside a fenced block (its fences broken by TextEscaping.CodeBlock) markup is inert text.
                return NewTokens(OutsideFences(text), OutsideFences(baseline), MarkupTokens) ?? Controls(text);
            default:
                return Controls(text);
        }
    }

    private static string? Controls(string text) => CliFuzzTarget.HasControl(text) ? "a control character or bidi override" : null;

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

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Show(string payload) => JsonValue.Create(payload.Length > 40 ? payload[..40] + "..." : payload).ToJsonString();
}
