using System.Text;
using Denied.Rendering;

namespace Denied.Notifications;

/// <summary>
/// Text for a fenced code block in a Slack message (Amazon Q Developer's client-markdown). Text holding a run of three
/// backticks has no such block: Slack's mrkdwn ends a code block at the next three backticks wherever they stand and
/// knows no longer fence, so the block could only be shown altered, and a fix is never shown other than it runs.
/// Otherwise it starts from <see cref="TextEscaping.CodeBlock"/> (no control character but newline), then
/// entity-escapes &amp;, &lt;, &gt; (Slack parses &lt;!channel&gt;, &lt;@U1&gt; and &lt;url|text&gt; before formatting, code
/// included, and shows the entities as the characters, so copied text is unchanged), breaks "](" (a markdown
/// link the client-markdown conversion could form) and the broadcast words after '@' with a zero-width space.
/// Those two are the only changes a reader could copy; both are absent from real policies and commands.
/// </summary>
internal static class SlackCode
{
    private static readonly string[] Broadcasts = ["here", "channel", "everyone"];

    /// <summary>
    /// The escaped block body, cut to about <paramref name="maxLength"/> characters with a marked cut; null when the text
    /// holds three backticks in a row, which would close the block (the caller points to the full fix instead).
    /// </summary>
    public static string? Escape(string? value, int maxLength)
    {
        var text = value ?? "";
        if (TextEscaping.LongestRun(text, '`') >= 3)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            text = NotificationFacts.Cut(text, maxLength) + "\n(cut: the full text is in the finding)";
        }

        var code = TextEscaping.CodeBlock(text);
        var o = new StringBuilder(code.Length + 16);
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case '&': o.Append("&amp;"); break;
                case '<': o.Append("&lt;"); break;
                case '>': o.Append("&gt;"); break;
                case ']' when i + 1 < code.Length && code[i + 1] == '(':
                    o.Append("]\u200B");
                    break;
                case '@' when StartsBroadcast(code, i + 1):
                    o.Append("@\u200B");
                    break;
                default: o.Append(c); break;
            }
        }

        return o.ToString();
    }

    private static bool StartsBroadcast(string text, int at) =>
        Broadcasts.Any(word => string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0);
}
