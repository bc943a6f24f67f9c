namespace Denied.Rendering;

/// <summary>Prose lines wrapped at spaces to a terminal's width; no width (piped output) leaves them whole.</summary>
public static class TextWrap
{
    public static IEnumerable<string> Lines(string text, int? width)
    {
        if (width is not { } max || max < 20 || text.Length <= max)
        {
            yield return text;
            yield break;
        }

        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > max)
            {
                yield return line;
                line = "  " + word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
