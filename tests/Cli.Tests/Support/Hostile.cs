using System.Text.Json.Nodes;

namespace Cli.Tests.Support;

/// <summary>
/// The hostile-input table of STYLE.md ("Tests") and a builder that places one value into one attacker-
/// controllable field of a real CloudTrail record (samples/events/kms-decrypt-key-policy.json).
/// </summary>
public static class Hostile
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["nul"] = "a\0b",
        ["newlines"] = "line1\nline2\r\nline3",
        ["quotes"] = "\"double\" 'single'",
        ["backticks"] = "```\nrm -rf /\n``` `x`",
        ["here"] = "<@here>",
        ["channel"] = "<!channel>",
        ["markdown-link"] = "[link](http://x)",
        ["slack-link"] = "<http://x|y>",
        ["html"] = "<img src=x onerror=alert(1)>",
        ["ansi"] = "\u001b[31mred\u001b[0m\u001b]8;;http://x\u0007",
        ["pipe"] = "a | b | c",
        ["ten-kb"] = new string('A', 10 * 1024),
        ["emoji"] = "🔥💥 denied 🚫",
        ["bidi"] = "\u202Egnp.exe",
    };

    /// <summary>
    /// The fields a value is placed in; "issuerOfAnotherRole" puts it in a sessionIssuer that the session ARN contradicts,
    /// so it reaches the outputs only through the evidence note that names both.
    /// </summary>
    public static readonly string[] Fields = ["userAgent", "errorMessage", "sessionName", "roleName", "issuerOfAnotherRole", "requestParameters"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in Fields)
        {
            foreach (var name in Values.Keys)
            {
                data.Add(field, name);
            }
        }

        return data;
    }

    /// <summary>The kms:Decrypt denial (a raw CloudTrail record) with <paramref name="value"/> placed in <paramref name="field"/>.</summary>
    public static JsonObject Record(string field, string value)
    {
        var envelope = JsonNode.Parse(File.ReadAllText(Run.Sample("kms-decrypt-key-policy")))!;
        var record = envelope["detail"]!.DeepClone().AsObject();
        var identity = record["userIdentity"]!.AsObject();
        switch (field)
        {
            case "userAgent":
                record["userAgent"] = "aws-sdk-java/2.28.16 exec-env/AWS_Lambda_java21 " + value;
                break;
            case "errorMessage":
                record["errorMessage"] = (string)record["errorMessage"]! + " " + value;
                break;
            case "sessionName":
                identity["arn"] = "arn:aws:sts::111122223333:assumed-role/payments-worker-role/" + value;
                identity["principalId"] = "AROA7891DA3E83A9D40:" + value;
                break;
            case "roleName":
                // A consistent record: the session ARN names the issuer's role (its last path segment, as STS leaves
                // the path out), so the value reaches the outputs as the role's path and name, not as a contradiction.
                var issuer = "arn:aws:iam::111122223333:role/service/" + value;
                identity["arn"] = "arn:aws:sts::111122223333:assumed-role/" + issuer[(issuer.LastIndexOf('/') + 1)..] + "/payments-worker";
                identity["sessionContext"]!["sessionIssuer"]!["arn"] = issuer;
                identity["sessionContext"]!["sessionIssuer"]!["userName"] = value;
                break;
            case "issuerOfAnotherRole":
                identity["sessionContext"]!["sessionIssuer"]!["arn"] = "arn:aws:iam::111122223333:role/service/" + value + "/admin";
                break;
            case "requestParameters":
                record["requestParameters"] = new JsonObject { ["keyId"] = value, ["encryptionContext"] = new JsonObject { ["tenant"] = value } };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field));
        }

        return record;
    }

    /// <summary>Control characters other than the line feed that ends each line (ESC, NUL, CR, BEL, C1, bidi overrides).</summary>
    public static IEnumerable<string> ControlCharacters(string output) =>
        output.Where(c => c != '\n' && (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
            .Select(c => $"U+{(int)c:X4}").Distinct();

    /// <summary>The renderer's own HTML: fix snippets fold into &lt;details&gt; blocks.</summary>
    private static readonly string[] OwnTags = ["<details>", "</details>", "<summary>", "</summary>"];

    /// <summary>Markdown outside fenced code blocks and without the renderer's own tags: where a value could form markup.</summary>
    public static string OutsideFences(string markdown)
    {
        var kept = new List<string>();
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (!inFence)
            {
                kept.Add(line);
            }
        }

        Assert.False(inFence, "a code fence was left open: a value closed or opened one");
        return OwnTags.Aggregate(string.Join('\n', kept), (text, tag) => text.Replace(tag, "", StringComparison.Ordinal));
    }

    /// <summary>
    /// A summary table's own cell pipes removed, after checking that every row has exactly as many unescaped pipes as
    /// the header: a value that added one would have split a cell. What remains is checked like any other prose.
    /// </summary>
    public static string WithoutTableStructure(string markdown)
    {
        var lines = markdown.Split('\n');
        int? cells = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|'))
            {
                cells = null;
                continue;
            }

            var pipes = UnescapedMarkup(lines[i], "|").Count();
            cells ??= pipes;
            Assert.True(pipes == cells, $"table row {i} has {pipes} cell separators, the header {cells}: {lines[i]}");
            lines[i] = StripUnescapedPipes(lines[i]);
        }

        return string.Join('\n', lines);
    }

    private static string StripUnescapedPipes(string line)
    {
        var kept = new System.Text.StringBuilder(line.Length);
        var slashes = 0;
        foreach (var c in line)
        {
            if (c != '|' || slashes % 2 == 1)
            {
                kept.Append(c);
            }

            slashes = c == '\\' ? slashes + 1 : 0;
        }

        return kept.ToString();
    }

    /// <summary>Characters that start markup in CommonMark/GitHub/Slack, not preceded by an odd number of backslashes.</summary>
    public static IEnumerable<string> UnescapedMarkup(string text, string characters = "|<>[]")
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!characters.Contains(text[i], StringComparison.Ordinal))
            {
                continue;
            }

            var slashes = 0;
            for (var j = i - 1; j >= 0 && text[j] == '\\'; j--)
            {
                slashes++;
            }

            if (slashes % 2 == 0)
            {
                yield return $"'{text[i]}' at {i}: ...{text[Math.Max(0, i - 30)..Math.Min(text.Length, i + 30)]}...";
            }
        }
    }
}
