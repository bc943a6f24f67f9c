using Denied.CloudTrail;

namespace Denied.Cli;

/// <summary>
/// A source of records for `denied scan` other than files and S3 prefixes: CloudTrail event history (--lookup) or an
/// Athena query over the trail bucket (--athena). Yields its records in batches (a page each), named for progress, and
/// reports its own figures (pages, events, bytes scanned) on standard error. Ctrl-C ends the walk with what was read,
/// marked partial by an error item; a failure before anything was read throws <see cref="RemoteIntakeException"/>.
/// </summary>
public interface ScanIntake
{
    IAsyncEnumerable<(string Name, IEnumerable<InputItem> Items)> OpenAsync(AwsOptions aws, TextWriter stderr, CancellationToken ct);
}
