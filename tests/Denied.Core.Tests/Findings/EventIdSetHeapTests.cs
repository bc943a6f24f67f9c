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
}
