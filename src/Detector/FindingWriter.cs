using Denied.Diagnostics;
using Denied.Findings;
using Denied.LambdaRuntime.Observability;
using Denied.Store;

namespace Denied.Detector;

/// <summary>
/// Writes one finding's observation (its fix built here, once per finding) and turns the store's own classification
/// of a failure into what happens to the messages. Transient and permanent failures both send the messages back:
/// transient ones succeed on a later try, permanent ones (a broken deployment) end in the dead-letter queue through
/// the redrive policy instead of vanishing. A write cut by the invocation's deadline goes back too; the store's
/// ledger makes its redelivery count nothing twice, whatever part of it was done.
/// </summary>
public sealed class FindingWriter(FindingStore store, JsonLog log, EmfMetrics metrics)
{
    public async Task<(WriteOutcome Outcome, string? Reason)> WriteAsync(FindingObservation observation, CancellationToken deadline)
    {
        try
        {
            var result = await store.RecordAsync(observation with { Latest = FindingAggregator.LatestWithFix(observation) }, deadline);
            metrics.Add(result.IsNew ? Metric.FindingsNew : Metric.FindingsUpdated);
            metrics.Add(Metric.FindingsReopened, result.Reopened ? 1 : 0);
            metrics.Add(Metric.EventsCounted, result.EventsCounted);
            metrics.Add(Metric.EventsAlreadyCounted, result.EventsSkipped + result.DuplicateEvents);
            metrics.Add(Metric.StoreWrites, result.WriteRequests);
            return (WriteOutcome.Written, null);
        }
        catch (FindingStoreException e) when (e.Failure == StoreFailure.ItemRejected)
        {
            metrics.Add(Metric.StoreFailures);
            return (WriteOutcome.Rejected, "the finding cannot be stored: " + e.Message);
        }
        catch (FindingStoreException e)
        {
            metrics.Add(e.IsTransient ? Metric.StoreTransientFailures : Metric.StoreFailures);
            log.Error("finding write failed; its messages go back to SQS",
                (LogKeys.FindingId, observation.Key.Id), (LogKeys.Error, e.Message), (LogKeys.Count, observation.Events.Count));
            return (WriteOutcome.Retry, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            metrics.Add(Metric.DeadlineCuts);
            log.Warn("deadline near: finding write stopped; its messages go back to SQS", (LogKeys.FindingId, observation.Key.Id));
            return (WriteOutcome.Retry, null);
        }
    }
}
