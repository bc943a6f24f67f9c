namespace Denied.LambdaRuntime.Tests;

/// <summary>Runs the bootstrap loop against a <see cref="FakeRuntimeApi"/> with a bound and a recorded environment.</summary>
public static class LoopRun
{
    public static readonly long FarDeadlineMs = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeMilliseconds();

    public static async Task<int> RunAsync(
        FakeRuntimeApi api,
        Func<CancellationToken, Task<InvocationHandler>> init,
        int maxInvocations,
        List<(string Name, string? Value)>? environment = null,
        TimeProvider? clock = null,
        CancellationToken ct = default,
        TextWriter? log = null)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new LambdaBootstrapOptions(LambdaBootstrapOptions.BaseFor(api.HostAndPort), http)
        {
            MaxInvocations = maxInvocations,
            SetEnvironmentVariable = (name, value) => environment?.Add((name, value)),
            Clock = clock ?? TimeProvider.System,
            Log = log ?? TextWriter.Null,
            FunctionName = "denied-test",
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await LambdaBootstrap.RunAsync(init, options, timeout.Token);
    }

    public static Func<CancellationToken, Task<InvocationHandler>> Init(InvocationHandler handler) => _ => Task.FromResult(handler);

    public static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);
}
