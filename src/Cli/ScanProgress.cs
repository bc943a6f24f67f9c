using System.Diagnostics;
using Denied.Findings;

namespace Denied.Cli;

/// <summary>
/// Progress on long scans, on standard error so it never mixes with the output: a line rewritten in place
/// on a terminal, a line every 10 seconds when standard error is a file or pipe.
/// </summary>
public sealed class ScanProgress(TextWriter stderr, bool enabled, bool interactive)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;

    public void Report(LogScanner scanner, string currentFile, bool force = false)
    {
        if (!enabled)
        {
            return;
        }

        var interval = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
        if (!force && _clock.Elapsed - _last < interval)
        {
            return;
        }

        _last = _clock.Elapsed;
        var s = scanner.Stats;
        var text = $"{s.Files} files, {s.Records:N0} records, {s.Denied:N0} denials, {scanner.Findings.FindingCount} findings, {s.Errors.Count} errors ({_clock.Elapsed.TotalSeconds:F0}s) {Denied.Rendering.TextEscaping.PlainLine(Path.GetFileName(currentFile), 60)}";
        if (interactive)
        {
            stderr.Write("\r" + text.PadRight(Console.IsErrorRedirected ? 0 : Math.Max(0, Console.WindowWidth - 1))[..Math.Min(text.Length, 200)]);
        }
        else
        {
            stderr.WriteLine(text);
        }
    }

    public void Done()
    {
        if (enabled && interactive)
        {
            stderr.WriteLine();
        }
    }
}
