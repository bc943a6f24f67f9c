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
        var (store, client) = StoreFactory.Create(aws, table);
        using (client)
        {
            try
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

                stderr.WriteLine($"backfill: {findings.Count} findings written to {TextEscaping.PlainLine(table)} ({created} new), {counted} denials counted, {skipped} already counted before");
                return ExitCodes.Clean;
            }
            catch (Exception e) when (e is FindingStoreException or FindingTableMismatchException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                stderr.WriteLine($"denied: backfill to {TextEscaping.PlainLine(table)} failed: {TextEscaping.PlainLine(e.Message)}");
                return ExitCodes.AwsError;
            }
        }
    }
}
