using System.Diagnostics;
using System.Runtime.CompilerServices;
using Denied.AwsClients;
using Denied.CloudTrail;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// `scan --athena`: hands the filtering of an organization-scale trail archive to Athena. Optionally creates the
/// documented CloudTrail table first (--athena-create-table), runs <see cref="AthenaSql.DenialQuery"/> (printed with
/// --print-query), waits for it (--timeout; a query still running then is stopped), reports the bytes it scanned and
/// their cost, and rebuilds each result row into a record for the same parser and scan as a log file's records.
/// </summary>
public sealed class AthenaIntake(
    string table,
    string? outputLocation,
    string? workGroup,
    DateTimeOffset? from,
    DateTimeOffset? to,
    IReadOnlyList<string> accounts,
    IReadOnlyList<string> regions,
    string? createTableAt,
    bool printQuery,
    TimeSpan timeout,
    TimeProvider clock)
    : ScanIntake
{
    public async IAsyncEnumerable<(string Name, IEnumerable<InputItem> Items)> OpenAsync(
        AwsOptions aws, TextWriter stderr, [EnumeratorCancellation] CancellationToken ct)
    {
        var (database, name) = AthenaSql.ParseTable(table);
        var sql = AthenaSql.DenialQuery(database, name, from, to, accounts, regions);
        var ddl = createTableAt is { } location ? AthenaSql.CreateTable(database, name, location, accounts, regions, from) : null;
        if (outputLocation is { } output && !output.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new CliInputException("--output-location must be an s3:// URL (where Athena writes query results)");
        }

        if (from is null)
        {
            stderr.WriteLine("athena: no --since/--from: the query reads every day the table holds, and is billed for all of it");
        }

        var region = RemoteAws.Region(aws);
        var client = new AthenaClient(RemoteAws.Endpoint(aws, region), RemoteAws.Http, RemoteAws.Credentials(aws, region), clock);
        if (ddl is not null)
        {
            if (printQuery)
            {
                stderr.WriteLine(ddl + ";");
            }

            await RunAsync(client, new AthenaQuery(ddl, database, outputLocation, workGroup), "CREATE TABLE", stderr, ct);
            stderr.WriteLine($"athena: table {database}.{name} is ready (CREATE TABLE IF NOT EXISTS; DDL is not billed)");
        }

        if (printQuery)
        {
            stderr.WriteLine(sql + ";");
        }

        var watch = Stopwatch.StartNew();
        var (id, status) = await RunAsync(client, new AthenaQuery(sql, database, outputLocation, workGroup), "the denial query", stderr, ct);
        stderr.WriteLine($"athena: query {id} scanned {AthenaCost.Describe(status.DataScannedInBytes ?? 0)}; engine time {status.EngineExecutionTimeInMillis ?? 0} ms");

        int pages = 0, rows = 0;
        string? stop = null;
        await using var results = client.GetResultsAsync(id, ct).GetAsyncEnumerator(ct);
        while (true)
        {
            var (page, stopped) = await RemotePages.NextAsync(results, pages, "Athena", ct);
            if (page is null)
            {
                stop = stopped;
                break;
            }

            pages++;
            var source = $"athena {id} page {page.Number}";
            var items = new List<InputItem>(page.Rows.Count);
            for (var i = 0; i < page.Rows.Count; i++)
            {
                items.Add(AthenaRecordRebuilder.Read(page.Columns, page.Rows[i], InputItem.LocationOf(source, i + 1)));
            }

            rows += page.Rows.Count;
            yield return (source, items);
        }

        stderr.WriteLine($"athena: {rows:N0} denial candidates in {pages} result pages, {watch.Elapsed.TotalSeconds:F1} s from the start of the query to the last row");
        if (stop is not null)
        {
            yield return ("athena", [InputItem.Failed($"athena {id}", $"stopped after {pages} result pages: {stop}; the results are partial")]);
        }
    }

    /// <summary>Starts a statement and waits for it; anything but SUCCEEDED is a <see cref="RemoteIntakeException"/> naming the state and reason.</summary>
    private async Task<(string Id, AthenaQueryStatus Status)> RunAsync(AthenaClient client, AthenaQuery query, string what, TextWriter stderr, CancellationToken ct)
    {
        string id;
        AthenaQueryStatus status;
        try
        {
            id = await client.StartQueryAsync(query, ct);
        }
        catch (AwsServiceException e)
        {
            throw new RemoteIntakeException($"Athena: {TextEscaping.PlainLine(e.Message)}");
        }

        try
        {
            status = await client.WaitAsync(id, timeout, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped, so an interrupted scan leaves nothing running (and billing) behind it.
            await StopQuietlyAsync(client, id, stderr);
            throw new RemoteIntakeException($"Athena: interrupted (Ctrl-C) while {what} ({id}) ran; it was stopped");
        }
        catch (AwsServiceException e)
        {
            throw new RemoteIntakeException($"Athena: {TextEscaping.PlainLine(e.Message)}");
        }

        return status.State switch
        {
            "SUCCEEDED" => (id, status),
            "FAILED" or "CANCELLED" => throw new RemoteIntakeException(
                $"Athena: {what} ({id}) {status.State}: {TextEscaping.PlainLine(status.Reason ?? "no reason given")}"),
            _ => throw new RemoteIntakeException(
                $"Athena: {what} ({id}) was still {status.State} after --timeout {timeout.TotalSeconds:0} s and was stopped; raise --timeout or narrow --since/--accounts/--regions"),
        };
    }

    private static async Task StopQuietlyAsync(AthenaClient client, string id, TextWriter stderr)
    {
        try
        {
            await client.StopQueryAsync(id, CancellationToken.None);
        }
        catch (AwsServiceException e)
        {
            stderr.WriteLine($"athena: could not stop query {id}: {TextEscaping.PlainLine(e.Message)}");
        }
    }
}
