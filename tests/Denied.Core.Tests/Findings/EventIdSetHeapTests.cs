using Denied.Findings;

namespace Denied.Core.Tests.Findings;

/// <summary>Runs alone: it reads the process's heap size, which tests running beside it would move.</summary>
[CollectionDefinition("heap", DisableParallelization = true)]
public sealed class HeapCollection;

/// <summary>The per-denial state of a scan stays within its stated bound.</summary>
[Collection("heap")]
public sealed class EventIdSetHeapTests
{
    [Fact]
    public void AUuidTakesAtMost48BytesOfHeap()
    {
        const int count = 500_000;
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("D")).ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var set = new EventIdSet();
        foreach (var id in ids)
        {
            set.Add(id);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(set);
        Assert.True((after - before) / (double)count <= 48, $"{(after - before) / (double)count:F1} bytes per id");
    }

    /// <summary>
    /// Most findings see few ids: the per-finding part of a set (its object and smallest table) is its own cost, but
    /// each id past the first stays within the bound, as it does for one large set.
    /// </summary>
    [Fact]
    public void ASmallSetsIdBeyondItsFirstTakesAtMost48BytesOfHeap()
    {
        const int sets = 20_000;
        const int perSet = 30;
        var ids = Enumerable.Range(0, sets * perSet).Select(_ => Guid.NewGuid().ToString("D")).ToArray();

        var one = Grow(1);
        var many = Grow(perSet);

        var perId = (many - one) / (double)(sets * (perSet - 1));
        Assert.True(perId <= 48, $"{perId:F1} bytes per id beyond a set's first");

        long Grow(int idsPerSet)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var all = new EventIdSet[sets];
            for (var s = 0; s < sets; s++)
            {
                all[s] = new EventIdSet();
                for (var i = 0; i < idsPerSet; i++)
                {
                    all[s].Add(ids[(s * perSet) + i]);
                }
            }

            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(all);
            return after - before;
        }
    }
}
