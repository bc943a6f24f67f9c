using System.Text;
using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>A stable, readable dump of a whole <see cref="Fix"/> for golden files (test-only).</summary>
internal static class FixText
{
    public static string Render(Fix fix)
    {
        var text = new StringBuilder();
        text.Append("target: ").Append(Codes.Of(fix.Target)).Append('\n');
        for (var i = 0; i < fix.Statements.Count; i++)
        {
            var statement = fix.Statements[i];
            text.Append("\n=== statement ").Append(i + 1).Append(" (").Append(statement.Document).Append(")\n");
            text.Append(PolicyJson.Statement(statement.Statement)).Append('\n');
        }

        for (var i = 0; i < fix.Commands.Count; i++)
        {
            text.Append("\n=== command ").Append(i + 1).Append('\n').Append(fix.Commands[i]).Append('\n');
        }

        foreach (var (tool, snippet) in fix.Snippets.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("\n=== snippet ").Append(tool).Append('\n').Append(snippet);
        }

        for (var i = 0; i < fix.Notes.Count; i++)
        {
            text.Append("\n=== note ").Append(i + 1).Append('\n').Append(fix.Notes[i]).Append('\n');
        }

        return text.ToString();
    }
}
