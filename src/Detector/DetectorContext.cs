using Denied.AwsClients;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Intake;
using Denied.LambdaRuntime.Observability;
using Denied.Principals;
using Denied.Store;

namespace Denied.Detector;

/// <summary>
/// What a batch needs besides the records: the <see cref="DenialIntake"/> built from the diagnoser (rebuilt when the
/// function inventory changes) and the suppression rules (re-read after their TTL). Both are cached across
/// invocations of a warm function.
/// </summary>
public sealed class DetectorContext(FindingStore store, CachedLambdaInventory? inventory, TimeSpan suppressionTtl, TimeProvider clock, JsonLog log)
{
    /// <summary>
    /// How old the inventory must be before a role session that names no listed function lists them again: a function
    /// deployed a minute ago and failing at once is the common case, and its denials would otherwise be ignored until
    /// the inventory's TTL ran out.
    /// </summary>
    public static readonly TimeSpan RefreshFloor = TimeSpan.FromMinutes(1);

    private IReadOnlyList<LambdaFunctionSummary>? _inventorySource;
    private Diagnoser _diagnoser = new(IamCatalog.Default);
    private IReadOnlyList<SuppressionRule> _suppressions = [];
    private DateTimeOffset _suppressionsRead = DateTimeOffset.MinValue;

    /// <summary>Whether <see cref="RefreshedIntakeAsync"/> can ever give a newer inventory.</summary>
    public bool CanRefresh => inventory is not null;

    /// <summary>The intake for one batch: the current inventory and the active suppression rules, judged now.</summary>
    public async Task<DenialIntake> IntakeAsync(CancellationToken ct) =>
        new(await DiagnoserAsync(ct), await SuppressionsAsync(ct), clock.GetUtcNow());

    /// <summary>
    /// An intake over a newer inventory than <paramref name="used"/>'s, or null when there is none; a failed listing
    /// keeps the cached one (logged) rather than failing the batch.
    /// </summary>
    public async Task<DenialIntake?> RefreshedIntakeAsync(DenialIntake used, CancellationToken ct)
    {
        try
        {
            return await RefreshedDiagnoserAsync(used.Diagnoser, ct) is { } refreshed
                ? new DenialIntake(refreshed, await SuppressionsAsync(ct), clock.GetUtcNow())
                : null;
        }
        catch (Exception e) when (e is AwsServiceException or HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.Warn("function inventory refresh failed; the cached inventory decides", (LogKeys.Error, e.Message));
            return null;
        }
    }

    public async Task<Diagnoser> DiagnoserAsync(CancellationToken ct)
    {
        if (inventory is null)
        {
            return _diagnoser;
        }

        return Use(await inventory.ListFunctionsAsync(ct));
    }

    /// <summary>
    /// A diagnoser built from an inventory fetched after <paramref name="used"/>'s, for a denial by a role session
    /// that <paramref name="used"/> could not tie to a function; null when there is no newer inventory to ask.
    /// </summary>
    public async Task<Diagnoser?> RefreshedDiagnoserAsync(Diagnoser used, CancellationToken ct)
    {
        if (inventory is null)
        {
            return null;
        }

        var current = Use(await inventory.RefreshAsync(RefreshFloor, ct));
        return ReferenceEquals(current, used) ? null : current;
    }

    public async Task<IReadOnlyList<SuppressionRule>> SuppressionsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _suppressionsRead >= suppressionTtl)
        {
            _suppressions = await store.ListSuppressionsAsync(ct);
            _suppressionsRead = now;
        }

        return _suppressions;
    }

    private Diagnoser Use(IReadOnlyList<LambdaFunctionSummary> functions)
    {
        if (!ReferenceEquals(functions, _inventorySource))
        {
            _inventorySource = functions;
            _diagnoser = new Diagnoser(IamCatalog.Default, FunctionInventory.From(functions.Select(f => new FunctionEntry(f.FunctionName, f.FunctionArn, f.Role))));
        }

        return _diagnoser;
    }
}
