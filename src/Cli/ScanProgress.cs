using System.Diagnostics;
using System.Globalization;
using Denied.Findings;

namespace Denied.Cli;

/// <summary>
/// Progress on long scans, on standard error so it never mixes with the output: one line rewritten in place
/// (files and bytes done of the total known after listing, rate, time left), fitted to the terminal and cleared
/// at the end. Nothing at all when standard error is not a terminal: logs and CI output stay clean.
/// </summary>
public sealed class ScanProgress(TextWriter stderr, bool enabled, ScanListing listing)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _shown;

    /// <summary>Progress is for people: only when <paramref name="stderr"/> is the process's standard error and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter stderr) => ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;

    public void Report(LogScanner scanner, string currentFile)
    {
        if (!enabled || _clock.Elapsed - _last < Interval)
        {
            return;
        }

        _last = _clock.Elapsed;
        var width = TerminalWidth.Of(stderr, isStandardError: true) ?? 80;
        var text = Line(scanner.Stats, scanner.Findings.FindingCount, listing, _clock.Elapsed, Path.GetFileName(currentFile));
        stderr.Write("\r" + Fit(text, width - 1) + "\u001b[K");
        _shown = true;
    }

    /// <summary>Clears the line, so the output that follows starts on a clean one.</summary>
    public void Done()
    {
        if (_shown)
        {
            stderr.Write("\r\u001b[K");
            _shown = false;
        }
    }

    /// <summary>"12/340 files, 48.1 MB/1.2 GB, 9.6 MB/s, 2m05s left, 4,210 denials, 17 findings  file.json.gz".</summary>
    public static string Line(ScanStats s, int findings, ScanListing listing, TimeSpan elapsed, string currentFile)
    {
        var done = listing.BytesOf(s.Files);
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var left = rate > 0 ? TimeSpan.FromSeconds((listing.TotalBytes - done) / rate) : (TimeSpan?)null;
        return $"{s.Files}/{listing.Files} files, {Bytes(done)}/{Bytes(listing.TotalBytes)}, {Bytes((long)rate)}/s, "
            + (left is { } l ? $"{Duration(l)} left, " : "")
            + $"{Plural.Of(s.Denied, "denial")}, {Plural.Of(findings, "finding")}  {Denied.Rendering.TextEscaping.PlainLine(currentFile, 80)}";
    }

    public static string Fit(string text, int width) => width <= 0 || text.Length <= width ? text : text[..width];

    public static string Bytes(long n) => n switch
    {
        >= 1L << 30 => (n / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (n / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (n / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => n.ToString(CultureInfo.InvariantCulture) + " B",
    };

    public static string Duration(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s"
        : $"{Math.Max(0, (int)t.TotalSeconds)}s";
}
