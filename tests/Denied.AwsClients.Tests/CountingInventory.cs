namespace Denied.AwsClients.Tests;

/// <summary>A scripted inventory that counts calls, can fail once, and can hold callers at a gate.</summary>
public sealed class CountingInventory : LambdaInventory
{
    private int _calls;

    public int Calls => _calls;

    public bool FailNext { get; set; }

    public TaskCompletionSource? Gate { get; init; }

    public async Task<IReadOnlyList<LambdaFunctionSummary>> ListFunctionsAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is not null)
        {
            await Gate.Task;
        }

        if (FailNext)
        {
            FailNext = false;
            throw new AwsServiceException("ListFunctions", null, 503, null, true, "unavailable");
        }

        return [new LambdaFunctionSummary("f", "arn:aws:lambda:us-east-1:123456789012:function:f", "arn:aws:iam::123456789012:role/r")];
    }
}
