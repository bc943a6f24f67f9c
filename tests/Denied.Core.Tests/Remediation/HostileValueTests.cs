using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Denied.Diagnostics;
using Denied.Remediation;
using Denied.TestSupport;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// Values from CloudTrail are attacker-controlled. Each output language must carry them as one literal value:
/// parsed back by a real parser (JSON, YAML via PyYAML, POSIX sh) or a strict decoder (HCL, TypeScript), the value
/// comes out unchanged and nothing else runs or appears.
/// </summary>
public sealed partial class HostileValueTests
{
    // Harmless payloads only: if quoting ever broke, the shell test would run them.
    private const string Payload = "a'; touch pwned1 #\"\n${x}`touch pwned2`$(touch pwned3)%{y}\\ \u2028end";
    private const string Key = "arn:aws:s3:::acme/" + Payload;
    private static readonly string Expected = Key.Replace("$", "${$}", StringComparison.Ordinal);

    public static TheoryData<string> Shapes => ["identity", "bucket-policy", "invoke"];

    private static Fix Build(string shape) => shape switch
    {
        "identity" => FixBuilder.Build(SomeFixRequest.For("s3:GetObject", Key)),
        "bucket-policy" => FixBuilder.Build(SomeFixRequest.For("s3:GetObject", Key, DenialLayer.ResourcePolicy)),
        _ => FixBuilder.Build(SomeFixRequest.Golden["lambda-invoke-by-s3-function-policy"] with { SourceArn = Key }),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PolicyJsonCarriesTheValueLiterally(string shape)
    {
        var fix = Build(shape);
        var json = PolicyJson.Statement(fix.Statements[0].Statement);
        using var document = JsonDocument.Parse(json);

        Assert.Contains(Expected, Strings(document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ShellCommandsPassEachValueAsOneArgumentAndRunNothing(string shape)
    {
        var fix = Build(shape);
        var directory = Directory.CreateTempSubdirectory("denied-shell-").FullName;
        try
        {
            // `aws` is replaced by a function that prints its arguments NUL-separated.
            var script = "aws() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n" + string.Join("\n", fix.Commands) + "\n";
            var psi = new ProcessStartInfo("sh") { WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            await process.StandardInput.WriteAsync(script);
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Empty(Directory.GetFiles(directory, "pwned*"));
            var arguments = Directory.GetFiles(directory).Select(File.ReadAllText).Prepend(output).SelectMany(o => o.Split('\0')).ToList();
            var expected = shape == "bucket-policy" ? "acme" : shape == "invoke" ? Expected : null;
            if (expected is not null)
            {
                Assert.Contains(expected, arguments);
            }

            if (shape == "identity")
            {
                var policy = arguments[arguments.IndexOf("--policy-document") + 1];
                using var document = JsonDocument.Parse(policy);
                Assert.Contains(Expected, Strings(document.RootElement));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task YamlSnippetsParseBackToTheValue(string shape)
    {
        var fix = Build(shape);
        foreach (var tool in new[] { "sam", "cloudformation", "serverless" })
        {
            var (exit, stdout, stderr) = await Python.RunAsync(["-c", YamlStrings], fix.Snippets[tool]);
            Assert.True(exit == 0, tool + ": " + stderr);
            var strings = JsonStrings(stdout);

            Assert.Contains(Expected, strings);
            if (tool == "serverless")
            {
                // No single string may hold "${": the framework would resolve it as a variable.
                var raw = JsonStrings((await Python.RunAsync(["-c", YamlStrings, "raw"], fix.Snippets[tool])).StdOut);
                Assert.DoesNotContain(raw, s => s.Contains("${", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TerraformStringsDecodeToTheValueAndNeverInterpolate(string shape)
    {
        var snippet = Build(shape).Snippets["terraform"];
        var literals = HclLiteral().Matches(snippet).Select(m => m.Groups[1].Value).ToList();

        Assert.All(literals, l => Assert.DoesNotMatch(@"(?<!\$)\$\{|(?<!%)%\{", l.Replace("$${", string.Empty, StringComparison.Ordinal).Replace("%%{", string.Empty, StringComparison.Ordinal)));
        Assert.Contains(Expected, literals.Select(Decode));
        Assert.DoesNotContain('\n', string.Concat(literals));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CdkStringsDecodeToTheValue(string shape)
    {
        var snippet = Build(shape).Snippets["cdk"];
        var literals = TsLiteral().Matches(snippet).Select(m => Decode(m.Groups[1].Value)).ToList();

        Assert.Contains(Expected, literals);
        Assert.DoesNotContain(snippet.Split('\n'), line => line.StartsWith("touch", StringComparison.Ordinal) || line.StartsWith("end", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain-name_1.2")]
    [InlineData("")]
    [InlineData("it's")]
    [InlineData("$(touch x) `touch y` ${HOME} *")]
    [InlineData("line1\nline2")]
    public async Task ShellQuoteRoundTripsThroughSh(string value)
    {
        var psi = new ProcessStartInfo("sh") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        await process.StandardInput.WriteAsync("printf '%s' " + ShellQuote.Quote(value) + "\n");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(value, output);
    }

    // Prints every string scalar of the YAML on stdin as a JSON array; Fn::Join lists are joined unless "raw".
    private const string YamlStrings = """
        import json, sys, yaml
        raw = len(sys.argv) > 1
        out = []
        def walk(node):
            if isinstance(node, dict):
                if not raw and set(node) == {"Fn::Join"}:
                    sep, parts = node["Fn::Join"]
                    out.append(sep.join(parts)); return
                for k, v in node.items(): walk(k); walk(v)
            elif isinstance(node, list):
                for v in node: walk(v)
            elif isinstance(node, str):
                out.append(node)
        walk(yaml.safe_load(sys.stdin.read()))
        print(json.dumps(out))
        """;

    private static List<string> JsonStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. Strings(document.RootElement)];
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    // Decodes the escapes HclText and TsText emit; any other escape fails the test.
    private static string Decode(string literal)
    {
        var text = new StringBuilder();
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == '$' && literal.AsSpan(i).StartsWith("$${"))
            {
                text.Append('$');
                i++;
                continue;
            }

            if (c == '%' && literal.AsSpan(i).StartsWith("%%{"))
            {
                text.Append('%');
                i++;
                continue;
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            var e = literal[++i];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case '\\' or '"' or '\'': text.Append(e); break;
                case 'u': text.Append((char)Convert.ToInt32(literal.Substring(i + 1, 4), 16)); i += 4; break;
                default: throw new InvalidOperationException("unexpected escape \\" + e);
            }
        }

        return text.ToString();
    }

    [GeneratedRegex("\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex HclLiteral();

    [GeneratedRegex("'((?:[^'\\\\\\n]|\\\\.)*)'")]
    private static partial Regex TsLiteral();
}
