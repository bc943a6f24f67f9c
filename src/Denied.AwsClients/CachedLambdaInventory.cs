namespace Denied.AwsClients;

/// <summary>
/// Serves the inner inventory's list for <c>ttl</c> after each successful fetch (measured on the given
/// clock), so a warm Lambda lists functions once per TTL, not once per record. Concurrent callers during a
/// refresh share one fetch; failures are not cached (the next call tries again).
/// Tested with a scripted inner inventory and a manual clock.
/// </summary>
public sealed class CachedLambdaInventory : LambdaInventory, IDisposable
{
    private readonly LambdaInventory _inner;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    // A reference, so readers outside the lock see a whole entry or none.
    private volatile Tuple<IReadOnlyList<LambdaFunctionSummary>, DateTimeOffset>? _cached;

    public CachedLambdaInventory(LambdaInventory inner, TimeSpan ttl, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        _inner = inner;
        _ttl = ttl;
        _clock = clock;
    }

    public async Task<IReadOnlyList<LambdaFunctionSummary>> ListFunctionsAsync(CancellationToken ct)
    {
        if (Fresh() is { } hit)
        {
            return hit;
        }

        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var functions = await _inner.ListFunctionsAsync(ct).ConfigureAwait(false);
            _cached = Tuple.Create(functions, _clock.GetUtcNow() + _ttl);
            return functions;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyList<LambdaFunctionSummary>? Fresh() =>
        _cached is { } c && _clock.GetUtcNow() < c.Item2 ? c.Item1 : null;
}
