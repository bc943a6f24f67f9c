using Denied.Findings;
using Denied.Rendering;
using Denied.Store;

namespace Denied.Cli;

/// <summary>
/// `scan --to-table`: writes scanned findings into the deployed table through the same idempotent write path
/// as the Detector, so a backfill run twice (or over logs the Detector already saw) counts nothing twice.
/// </summary>
public static class Backfill
{
    public static async Task<int> WriteAsync(IReadOnlyList<ScanFinding> findings, string table, AwsOptions aws, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            var (store, client) = StoreFactory.Create(aws, table);
            using (client)
            {
                await store.VerifyTableAsync(ct);
                long counted = 0, skipped = 0;
                var created = 0;
                foreach (var finding in findings)
                {
                    var result = await store.RecordAsync(finding.Observation, ct);
                    counted += result.EventsCounted;
                    skipped += result.EventsSkipped + result.DuplicateEvents;
                    created += result.IsNew ? 1 : 0;
                }

                stderr.WriteLine($"backfill: {Plural.Of(findings.Count, "finding")} written to {TextEscaping.PlainLine(table)} ({created:N0} new), {Plural.Of(counted, "denial")} counted, {skipped:N0} already counted before");
                return ExitCodes.Clean;
            }
        }
        catch (Exception e) when (AwsFailure.IsAwsFailure(e))
        {
            stderr.WriteLine(AwsFailure.Describe($"backfill to DynamoDB table {TextEscaping.PlainLine(table)}", aws, e));
            return ExitCodes.AwsError;
        }
    }
}
