namespace Denied.Findings;

/// <summary>
/// The distinct CloudTrail eventIDs of one finding, held compactly so a scan of millions of denials stays small:
/// an eventID in the lowercase UUID form CloudTrail writes takes its 16 bytes in an open-addressing table (between
/// 18 and 37 bytes a distinct id, with the table's free slots), any other id is kept as its string. Counting stays
/// exact: an id is counted once however often it is seen, and two ids are the same only when their text is.
/// </summary>
/// <remarks>
/// A set starts as one table, since most findings see a handful of ids and 64 tables each would cost more than the
/// ids. Past <see cref="ShardFrom"/> ids it is split into shards by hash, so that growing it copies one shard at a
/// time, never the whole set. The hash is the runtime's per-process randomised <see cref="HashCode"/>: eventIDs are
/// attacker-controlled, and a fixed hash would let crafted ids collide into one long probe chain.
/// </remarks>
public sealed class EventIdSet
{
    private const int ShardCount = 64;

    /// <summary>Compact ids one table holds before the set is split (a 1 MB table).</summary>
    internal const int ShardFrom = 1 << 15;

    private GuidTable? _single;
    private GuidTable?[]? _shards;
    private HashSet<string>? _others;

    /// <summary>Distinct ids added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds an id; false when it was there already.</summary>
    public bool Add(string eventId)
    {
        bool added;
        if (TryCompact(eventId, out var uuid))
        {
            var hash = Hash(uuid);
            added = TableFor(hash, create: true)!.Add(uuid, hash >>> 6);
        }
        else
        {
            added = (_others ??= new HashSet<string>(StringComparer.Ordinal)).Add(eventId);
        }

        if (added)
        {
            Count++;
        }

        return added;
    }

    public bool Contains(string eventId)
    {
        if (TryCompact(eventId, out var uuid))
        {
            var hash = Hash(uuid);
            return TableFor(hash, create: false)?.Contains(uuid, hash >>> 6) == true;
        }

        return _others?.Contains(eventId) == true;
    }

    private GuidTable? TableFor(int hash, bool create)
    {
        if (_shards is null)
        {
            if (!create || _single is null || _single.Count < ShardFrom)
            {
                return create ? _single ??= new GuidTable() : _single;
            }

            // Each shard starts at the size its share of the ids needs, so the split is one pass with no regrowth.
            _shards = new GuidTable?[ShardCount];
            var slots = 2 * _single.Count / ShardCount;
            foreach (var uuid in _single.Entries())
            {
                var h = Hash(uuid);
                (_shards[h & (ShardCount - 1)] ??= new GuidTable(slots)).Add(uuid, h >>> 6);
            }

            _single = null;
        }

        return create ? _shards[hash & (ShardCount - 1)] ??= new GuidTable() : _shards[hash & (ShardCount - 1)];
    }

    /// <summary>
    /// A UUID kept as 16 bytes only when formatting it gives the same text back (lowercase, with hyphens): an
    /// uppercase or braced id stays a string, so no two distinct texts are ever counted as one.
    /// </summary>
    private static bool TryCompact(string eventId, out Guid uuid)
    {
        uuid = default;
        if (eventId.Length != 36 || !Guid.TryParseExact(eventId, "D", out uuid))
        {
            return false;
        }

        foreach (var c in eventId)
        {
            if (c is >= 'A' and <= 'F')
            {
                return false;
            }
        }

        return true;
    }

    private static int Hash(Guid uuid)
    {
        Span<long> halves = stackalloc long[2];
        uuid.TryWriteBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves));
        return HashCode.Combine(halves[0], halves[1]) & int.MaxValue;
    }

    /// <summary>
    /// Linear probing over a power-of-two array, at most seven eighths full; the all-zero UUID is a flag. With a random
    /// hash a lookup of an id seen before probes about 4 slots at the fullest and a new id about 30 (one cache line
    /// holds 4): little beside parsing the record, for about a seventh less memory than three quarters full.
    /// </summary>
    private sealed class GuidTable
    {
        private Guid[] _slots;
        private int _count;
        private bool _hasZero;

        /// <param name="slots">The initial size, rounded up to a power of two.</param>
        public GuidTable(int slots = 4) => _slots = new Guid[System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(slots, 4))];

        public int Count => _count + (_hasZero ? 1 : 0);

        public IEnumerable<Guid> Entries()
        {
            if (_hasZero)
            {
                yield return Guid.Empty;
            }

            foreach (var uuid in _slots)
            {
                if (uuid != Guid.Empty)
                {
                    yield return uuid;
                }
            }
        }

        public bool Add(Guid uuid, int hash)
        {
            if (uuid == Guid.Empty)
            {
                var wasThere = _hasZero;
                _hasZero = true;
                return !wasThere;
            }

            if ((_count + 1) * 8 > _slots.Length * 7)
            {
                Grow();
            }

            var mask = _slots.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                if (_slots[i] == uuid)
                {
                    return false;
                }

                if (_slots[i] == Guid.Empty)
                {
                    _slots[i] = uuid;
                    _count++;
                    return true;
                }
            }
        }

        public bool Contains(Guid uuid, int hash)
        {
            if (uuid == Guid.Empty)
            {
                return _hasZero;
            }

            var mask = _slots.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                if (_slots[i] == uuid)
                {
                    return true;
                }

                if (_slots[i] == Guid.Empty)
                {
                    return false;
                }
            }
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new Guid[old.Length * 2];
            _count = 0;
            foreach (var uuid in old)
            {
                if (uuid != Guid.Empty)
                {
                    Add(uuid, Hash(uuid) >>> 6);
                }
            }
        }
    }
}
