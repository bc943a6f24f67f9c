using Denied.AwsClients;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Principals;
using Denied.Store;

namespace Denied.Detector;

/// <summary>
/// What a batch needs besides the records: the diagnoser (rebuilt when the function inventory changes) and the
/// suppression rules (re-read after their TTL). Both are cached across invocations of a warm function.
/// </summary>
public sealed class DetectorContext(FindingStore store, LambdaInventory? inventory, TimeSpan suppressionTtl, TimeProvider clock)
{
    private IReadOnlyList<LambdaFunctionSummary>? _inventorySource;
    private Diagnoser _diagnoser = new(IamCatalog.Default);
    private IReadOnlyList<SuppressionRule> _suppressions = [];
    private DateTimeOffset _suppressionsRead = DateTimeOffset.MinValue;

    public async Task<Diagnoser> DiagnoserAsync(CancellationToken ct)
    {
        if (inventory is null)
        {
            return _diagnoser;
        }

        var functions = await inventory.ListFunctionsAsync(ct);
        if (!ReferenceEquals(functions, _inventorySource))
        {
            _inventorySource = functions;
            _diagnoser = new Diagnoser(IamCatalog.Default, FunctionInventory.From(functions.Select(f => new FunctionEntry(f.FunctionName, f.FunctionArn, f.Role))));
        }

        return _diagnoser;
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
}
