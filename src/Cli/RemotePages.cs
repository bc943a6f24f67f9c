using Denied.AwsClients;
using Denied.Rendering;

namespace Denied.Cli;

/// <summary>
/// The next page of a paged remote read (LookupEvents, Athena results), or why the read stopped early. Ctrl-C and a
/// failure after some pages stop the read with what was read (the scan is then reported partial, exit 3); a failure
/// on the first page is an AWS failure of the whole command (exit 4).
/// </summary>
internal static class RemotePages
{
    /// <returns>The page; or null with the reason the read stopped, or null with no reason at the end.</returns>
    public static async Task<(T? Page, string? Stopped)> NextAsync<T>(IAsyncEnumerator<T> pages, int pagesRead, string service, CancellationToken ct)
        where T : class
    {
        try
        {
            return await pages.MoveNextAsync() ? (pages.Current, null) : (null, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (null, "interrupted (Ctrl-C)");
        }
        catch (AwsServiceException e) when (pagesRead > 0)
        {
            return (null, TextEscaping.PlainLine(e.Message));
        }
        catch (AwsServiceException e)
        {
            throw new RemoteIntakeException($"{service}: {TextEscaping.PlainLine(e.Message)}");
        }
    }
}
