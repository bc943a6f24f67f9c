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
    // The list and when it was fetched; a reference, so readers outside the lock see a whole entry or none.
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

    public Task<IReadOnlyList<LambdaFunctionSummary>> ListFunctionsAsync(CancellationToken ct) => FetchedWithinAsync(_ttl, ct);

    /// <summary>
    /// The list, fetched again unless the cached one is younger than <paramref name="minimumAge"/>: for a session
    /// that names no listed function, which may be a function deployed since the last fetch. The floor keeps a storm
    /// of denials by other principals from listing the account's functions more than once per floor.
    /// </summary>
    public Task<IReadOnlyList<LambdaFunctionSummary>> RefreshAsync(TimeSpan minimumAge, CancellationToken ct) =>
        FetchedWithinAsync(minimumAge < _ttl ? minimumAge : _ttl, ct);

    public void Dispose() => _refresh.Dispose();

    private async Task<IReadOnlyList<LambdaFunctionSummary>> FetchedWithinAsync(TimeSpan age, CancellationToken ct)
    {
        if (FetchedWithin(age) is { } hit)
        {
            return hit;
        }

        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (FetchedWithin(age) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var functions = await _inner.ListFunctionsAsync(ct).ConfigureAwait(false);
            _cached = Tuple.Create(functions, _clock.GetUtcNow());
            return functions;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private IReadOnlyList<LambdaFunctionSummary>? FetchedWithin(TimeSpan age) =>
        _cached is { } c && _clock.GetUtcNow() - c.Item2 < age ? c.Item1 : null;
}
