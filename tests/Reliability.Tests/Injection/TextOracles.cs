using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reliability.Tests.Injection;

/// <summary>
/// The character rules the injection matrix and the fuzzer apply to what a person reads. A terminal, a mail
/// client or a chat client acts on, or hides, every character of UnicodeCategory Control (C0, DEL, C1 such as
/// 8-bit CSI U+009B and OSC U+009D), Format (bidi marks and overrides, zero-width characters, BOM, soft hyphen)
/// and Line/ParagraphSeparator; none may reach human text but newline and tab. The one exception is the
/// zero-width space <see cref="Denied.Rendering.TextEscaping.Slack"/> adds on purpose, in the Slack payload only.
/// </summary>
public static class TextOracles
{
    public const char SlackZeroWidthSpace = '\u200B';

    /// <summary>
    /// The first code point a terminal, mail or chat client would act on or hide, described; null when none. Read by
    /// code point (Rune), so a format character outside the BMP (a tag character U+E0041 is the surrogate pair
    /// DB40 DC41 in UTF-16, neither half of category Format) is seen, and an unpaired surrogate, which no reader can
    /// show, is rejected too.
    /// </summary>
    public static string? Unsafe(string text, bool allowSlackZeroWidthSpace = false)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var width) != OperationStatus.Done)
            {
                return $"U+{(int)text[i]:X4} (unpaired surrogate)";
            }

            i += width;
            if (rune.Value is '\n' or '\t' || (allowSlackZeroWidthSpace && rune.Value == SlackZeroWidthSpace))
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"U+{rune.Value:X4} ({category})";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="text"/> holds a character <see cref="Unsafe"/> rejects.</summary>
    public static bool HasUnsafe(string text) => Unsafe(text) is not null;

    /// <summary>JSON rules: valid, no raw angle bracket, no raw control, format or separator character.</summary>
    public static string? Json(string text) =>
        !IsJson(text) ? "not valid JSON"
        : text.IndexOfAny(['<', '>']) >= 0 ? "a raw angle bracket"
        : Unsafe(text) is { } c ? "a raw " + c
        : null;

    /// <summary>One printable line: not blank, no newline, tab or character <see cref="Unsafe"/> rejects.</summary>
    public static string? PrintableLine(string text, int maxLength) =>
        string.IsNullOrWhiteSpace(text) ? "blank"
        : text.Length > maxLength ? $"longer than {maxLength}"
        : text.IndexOfAny(['\n', '\t']) >= 0 ? "more than one line (a newline or tab)"
        : Unsafe(text) is { } c ? c
        : null;

    public static bool IsJson(string text)
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
}
