namespace Denied.Findings;

/// <summary>
/// Lambda denials per function per hour, as a scan reads them: what the HTML report charts. Memory is one counter
/// per function and hour that had a denial, whatever the number of records: a 24-byte entry keyed by the function's
/// number and the hour, and each function's name once (a record's name is a new string every time it is read).
/// </summary>
public sealed class DenialTimeline
{
    private readonly Dictionary<string, int> _functionNumbers = new(StringComparer.Ordinal);
    private readonly List<string> _functions = [];
    private readonly Dictionary<long, long> _counts = [];

    public void Add(string? function, DateTimeOffset time)
    {
        function ??= "unknown";
        if (!_functionNumbers.TryGetValue(function, out var number))
        {
            number = _functions.Count;
            _functionNumbers.Add(function, number);
            _functions.Add(function);
        }

        // Hours since 1970, rounded down (a time before 1970 is in the hour before it, not 1970's first), fit an int
        // for every DateTimeOffset.
        var seconds = time.ToUnixTimeSeconds();
        var hour = (seconds / 3600) - (seconds % 3600 < 0 ? 1 : 0);
        var key = ((long)number << 32) | (uint)(int)hour;
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>Every (function, hour start, denials) counted, in no particular order.</summary>
    public IEnumerable<(string Function, DateTimeOffset Hour, long Count)> Points() =>
        _counts.Select(p => (_functions[(int)(p.Key >>> 32)], DateTimeOffset.FromUnixTimeSeconds((long)(int)(uint)p.Key * 3600), p.Value));
}
