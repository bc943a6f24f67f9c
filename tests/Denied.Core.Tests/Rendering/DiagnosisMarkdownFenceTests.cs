using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Rendering;
using Markdig;
using Markdig.Syntax;

namespace Denied.Core.Tests.Rendering;

/// <summary>
/// A fix copied from the Markdown report is the fix the terminal shows, byte for byte, whatever backticks the record
/// puts in it (an S3 key may hold any UTF-8). Read back with Markdig, a CommonMark parser, so the test sees the blocks a
/// Markdown reader sees.
/// </summary>
public sealed class DiagnosisMarkdownFenceTests
{
    public static TheoryData<string> Keys => new()
    {
        "in/plain.pdf",
        "in/x`y.pdf",
        "in/x```y.pdf",
        "in/x````y.pdf",
        "in/x```\n```` ``` `y.pdf",
        "```starts-with-a-fence",
        "ends-with-a-fence```",
        "in/~~~tilde~~~~.pdf",
        "in/x`</script><script>alert(1)</script>```\n# Heading | col |[click](http://evil)<!channel>.pdf",
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void EveryFixBlockReadsBackAsTheExactStatementAndCommand(string key)
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(WithKey(key));
        var fix = Assert.IsType<Denied.Remediation.Fix>(diagnosis.Fix);
        var markdown = Render(diagnosis);

        var blocks = Markdown.Parse(markdown).Descendants<FencedCodeBlock>().Select(b => b.Lines.ToString()).ToList();

        var expected = fix.Statements.Select(s => DiagnosisTextRenderer.PolicyJsonText(s.Statement))
            .Concat(fix.Commands)
            .Concat(fix.Snippets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.TrimEnd('\n')))
            .ToList();
        Assert.Equal(expected, blocks.Select(b => b.TrimEnd('\n')).ToList());
        // The key's backtick runs reach the blocks unchanged (a newline in it is written \n by JSON).
        Assert.All(key.Split('\n'), part => Assert.Contains(blocks, b => b.Contains(part, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("", "```")]
    [InlineData("no backticks", "```")]
    [InlineData("one ` two `` ", "```")]
    [InlineData("a ``` b", "````")]
    [InlineData("a ```` b ``` c", "`````")]
    [InlineData("```leading", "````")]
    [InlineData("trailing`````", "``````")]
    [InlineData("~~~~~ tildes never close a backtick fence", "```")]
    public void CodeFenceIsLongerThanTheLongestBacktickRunAndAtLeastThree(string code, string fence)
    {
        Assert.Equal(fence, TextEscaping.CodeFence(code));
    }

    /// <summary>Content whose own lines start with, or are, backtick and tilde fences.</summary>
    [Theory]
    [InlineData("```")]
    [InlineData("````\n```")]
    [InlineData("```json\n{}\n```")]
    [InlineData("   ```` \n`````")]
    [InlineData("~~~\n~~~~")]
    [InlineData("`")]
    [InlineData("a\n```\nb")]
    public void AFencedBlockHoldsContentThatStartsWithFencesWhole(string content)
    {
        var code = TextEscaping.CodeBlock(content);
        var fence = TextEscaping.CodeFence(code);
        var markdown = $"{fence}sh\n{code}\n{fence}\n\nafter the block\n";

        var document = Markdown.Parse(markdown);

        var block = Assert.Single(document.Descendants<FencedCodeBlock>());
        Assert.Equal(content, block.Lines.ToString());
        Assert.Equal("after the block", Assert.Single(document.Descendants<ParagraphBlock>()).Inline!.FirstChild!.ToString());
    }

    private static string Render(Diagnosis diagnosis)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        DiagnosisMarkdownRenderer.Render(diagnosis, writer);
        return writer.ToString();
    }

    private static Denied.CloudTrail.CloudTrailRecord WithKey(string key) =>
        Fixture.Record("s3-getobject-identity-implicit.json", r =>
        {
            var arn = "arn:aws:s3:::acme-orders-prod/" + key;
            r["errorMessage"] = $"User: arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api is not authorized to perform: s3:GetObject on \"{arn}\" because no identity-based policy allows the s3:GetObject action";
            r["requestParameters"]!["key"] = key;
            r["resources"]![0]!["ARN"] = arn;
        });
}
