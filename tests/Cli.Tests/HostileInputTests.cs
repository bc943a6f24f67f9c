using System.Text.Json;
using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.Diagnostics;

namespace Cli.Tests;

/// <summary>
/// Everything in a CloudTrail record is attacker-controllable. Through explain and scan, in every output:
/// the table has no terminal control character, markdown has no link, mention, HTML or table pipe that could
/// form, and JSON parses and gives the value back unchanged.
/// </summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, string> Cases => Hostile.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExplainTableShowsNoControlCharacter(string field, string valueName)
    {
        using var folder = new TempFolder();
        var file = folder.Write("event.json", Hostile.Record(field, Hostile.Values[valueName]).ToJsonString());

        var result = Run.Explain(file, OutputFormat.Table);

        Assert.Equal(ExitCodes.DenialsFound, result.ExitCode);
        Assert.Empty(Hostile.ControlCharacters(result.StdOut));
        Assert.Empty(Hostile.ControlCharacters(result.StdErr));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExplainMarkdownFormsNoMarkup(string field, string valueName)
    {
        using var folder = new TempFolder();
        var file = folder.Write("event.json", Hostile.Record(field, Hostile.Values[valueName]).ToJsonString());

        var result = Run.Explain(file, OutputFormat.Markdown);

        AssertSafeMarkdown(result.StdOut);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExplainJsonParsesAndGivesTheValueBack(string field, string valueName)
    {
        var value = Hostile.Values[valueName];
        using var folder = new TempFolder();
        var file = folder.Write("event.json", Hostile.Record(field, value).ToJsonString());

        using var doc = JsonDocument.Parse(Run.Explain(file, OutputFormat.Json).StdOut);

        AssertRoundTrip(doc.RootElement, field, value);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ScanOutputsAreSafeInEveryFormat(string field, string valueName)
    {
        var value = Hostile.Values[valueName];
        using var folder = new TempFolder();
        var record = Hostile.Record(field, value);
        folder.Write("log.json", new JsonObject { ["Records"] = new JsonArray(record) }.ToJsonString());

        var table = await Run.ScanAsync(folder.Path, OutputFormat.Table);
        Assert.Empty(Hostile.ControlCharacters(table.StdOut));
        Assert.Empty(Hostile.ControlCharacters(table.StdErr));

        AssertSafeMarkdown((await Run.ScanAsync(folder.Path, OutputFormat.Markdown)).StdOut);

        using var doc = JsonDocument.Parse((await Run.ScanAsync(folder.Path, OutputFormat.Json)).StdOut);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray());
        AssertRoundTrip(finding, field, value);
    }

    private static void AssertSafeMarkdown(string markdown)
    {
        Assert.Empty(Hostile.ControlCharacters(markdown));
        var prose = Hostile.WithoutTableStructure(Hostile.OutsideFences(markdown));
        Assert.Empty(Hostile.UnescapedMarkup(prose));
        foreach (var raw in new[] { "[link](http://x)", "<@here>", "<!channel>", "<http://x|y>" })
        {
            Assert.DoesNotContain(raw, prose, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Where each field surfaces in the diagnosis record; the value comes back byte for byte, except that a
    /// diagnosis keeps at most Diagnoser.MaxMessageLength characters of a message or user agent (then "…").
    /// </summary>
    private static void AssertRoundTrip(JsonElement d, string field, string value)
    {
        string Kept(string text) => text.Length > Diagnoser.MaxMessageLength ? text[..Diagnoser.MaxMessageLength] + "…" : text;

        switch (field)
        {
            case "userAgent":
                Assert.Equal(Kept("aws-sdk-java/2.28.16 exec-env/AWS_Lambda_java21 " + value), d.GetProperty("userAgent").GetString());
                break;
            case "errorMessage":
                Assert.Equal(Kept((string)Hostile.Record(field, value)["errorMessage"]!), d.GetProperty("errorMessage").GetString());
                break;
            case "sessionName":
                Assert.Equal("arn:aws:sts::111122223333:assumed-role/payments-worker-role/" + value, d.GetProperty("principal").GetProperty("arn").GetString());
                break;
            case "roleName":
                Assert.Equal("arn:aws:iam::111122223333:role/service/" + value, d.GetProperty("principal").GetProperty("roleArn").GetString());
                break;
            case "issuerOfAnotherRole":
                Assert.Equal("arn:aws:iam::111122223333:role/payments-worker-role", d.GetProperty("principal").GetProperty("roleArn").GetString());
                Assert.Contains("The record's sessionIssuer arn:aws:iam::111122223333:role/service/" + value + "/admin is not the role of its session",
                    d.GetProperty("principal").GetProperty("attributionEvidence").GetString(), StringComparison.Ordinal);
                break;
            default:
                Assert.True(d.GetProperty("denied").GetBoolean());
                break;
        }
    }
}
