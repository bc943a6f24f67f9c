namespace Denied.Findings;

/// <summary>
/// Lambda denials per function per hour, as a scan reads them: what the HTML report charts. Memory is one counter
/// per function and hour that had a denial, whatever the number of records.
/// </summary>
public sealed class DenialTimeline
{
    private readonly Dictionary<(string Function, long Hour), long> _counts = [];

    public void Add(string? function, DateTimeOffset time)
    {
        var key = (function ?? "unknown", time.ToUnixTimeSeconds() / 3600);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Every (function, hour start, denials) counted, in no particular order.</summary>
    public IEnumerable<(string Function, DateTimeOffset Hour, long Count)> Points() =>
        _counts.Select(p => (p.Key.Function, DateTimeOffset.FromUnixTimeSeconds(p.Key.Hour * 3600), p.Value));
}
