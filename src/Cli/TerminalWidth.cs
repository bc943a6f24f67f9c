namespace Denied.Cli;

/// <summary>How wide output may be: $COLUMNS when set (as shells export it), else the terminal's width, else no limit (piped).</summary>
public static class TerminalWidth
{
    public static int? Of(TextWriter writer, bool isStandardError = false)
    {
        if (Environment.GetEnvironmentVariable("COLUMNS") is { } columns && int.TryParse(columns, out var c) && c > 0)
        {
            return c;
        }

        var redirected = isStandardError ? Console.IsErrorRedirected : Console.IsOutputRedirected;
        var console = isStandardError ? Console.Error : Console.Out;
        if (!ReferenceEquals(writer, console) || redirected)
        {
            return null;
        }

        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
