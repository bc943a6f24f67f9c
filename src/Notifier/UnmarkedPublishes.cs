namespace Denied.Notifier;

/// <summary>
/// Notifications this process published whose "sent" mark it could not write (MarkNotificationSentAsync failed
/// for good after a successful Publish). When the stream retry brings the record back to the same execution
/// environment, the marker still reads "claimed", and this memory tells a publish that happened from one that
/// never did: the retry only writes the mark. Lost when the environment is replaced (a crash, a timeout, a new
/// instance), so the retry then publishes once more (at least once). Holds at most <see cref="Capacity"/>
/// entries, the oldest dropped first; not thread-safe (a stream shard is processed one batch at a time).
/// </summary>
public sealed class UnmarkedPublishes
{
    public const int Capacity = 1024;

    private readonly Dictionary<string, LinkedListNode<string>> _keys = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _oldestFirst = new();

    public void Add(string findingId, string transition)
    {
        var key = Key(findingId, transition);
        if (!_keys.ContainsKey(key))
        {
            _keys[key] = _oldestFirst.AddLast(key);
            if (_keys.Count > Capacity)
            {
                _keys.Remove(_oldestFirst.First!.Value);
                _oldestFirst.RemoveFirst();
            }
        }
    }

    /// <summary>True when this process published the notification and has not marked it sent yet.</summary>
    public bool Contains(string findingId, string transition) => _keys.ContainsKey(Key(findingId, transition));

    /// <summary>Forgets the entry once the mark is written.</summary>
    public void Remove(string findingId, string transition)
    {
        if (_keys.Remove(Key(findingId, transition), out var node))
        {
            _oldestFirst.Remove(node);
        }
    }

    private static string Key(string findingId, string transition) => findingId + "\n" + transition;
}
