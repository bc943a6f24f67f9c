namespace Denied.Detector.LivePolicies;

/// <summary>
/// Values by key, each reused for <paramref name="period"/> after it was stored (on the injected clock), in the
/// warm process only. Holds at most <paramref name="capacity"/> entries: when full, expired entries go first, then
/// the oldest. Not thread-safe: one invocation at a time uses it, as a Lambda process runs one.
/// </summary>
public sealed class TtlCache<T>(TimeSpan period, int capacity, TimeProvider clock)
{
    private readonly Dictionary<string, (DateTimeOffset StoredAt, T Value)> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string key, out T value)
    {
        if (_entries.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.StoredAt < period)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, T value)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            foreach (var expired in _entries.Where(e => now - e.Value.StoredAt >= period).Select(e => e.Key).ToList())
            {
                _entries.Remove(expired);
            }

            if (_entries.Count >= capacity)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.StoredAt).Key);
            }
        }

        _entries[key] = (now, value);
    }
}
