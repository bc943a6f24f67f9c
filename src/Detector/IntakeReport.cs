using Denied.Intake;
using Denied.LambdaRuntime.Observability;

namespace Denied.Detector;

/// <summary>Counts each intake outcome under its metric, and logs why a message makes no finding (ids only, never record text).</summary>
public sealed class IntakeReport(JsonLog log, EmfMetrics metrics)
{
    public void Add(IntakeOutcome outcome, string messageId, string? eventId)
    {
        metrics.Add(Metric.DenialsSeen, outcome.Kind == IntakeKind.NotDenied ? 0 : 1);
        var (metric, reason) = outcome.Kind switch
        {
            IntakeKind.Observed => ((string?)null, (string?)null),
            IntakeKind.NotDenied => (Metric.IgnoredNotDenied, "not an access denial"),
            IntakeKind.Suppressed => (Metric.Suppressed, "suppressed by rule " + outcome.Rule!.Id),
            _ => (Metric.IgnoredOtherPrincipal, "denial of a principal that is not a Lambda function"),
        };
        if (metric is not null)
        {
            metrics.Add(metric);
            log.Info("ignored", (LogKeys.MessageId, messageId), (LogKeys.EventId, eventId), (LogKeys.Reason, reason));
        }
    }
}
