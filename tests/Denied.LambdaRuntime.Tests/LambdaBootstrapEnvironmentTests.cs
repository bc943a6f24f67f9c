namespace Denied.LambdaRuntime.Tests;

[Collection("environment")]
public sealed class LambdaBootstrapEnvironmentTests
{
    [Fact]
    public async Task RunAsync_ReadsTheRuntimeApiAddressAndSetsTheProcessTraceId()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new QueuedEvent("{}", "env-1", LoopRun.FarDeadlineMs, TraceId: "Root=1-65a0b1c2-0123456789abcdef01234567;Sampled=0"));
        var previous = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", api.HostAndPort);
        string? traceSeen = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var loop = LambdaBootstrap.RunAsync(_ => Task.FromResult<InvocationHandler>((_, _, _) =>
            {
                traceSeen = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
                return Task.FromResult("{\"ok\":true}"u8.ToArray());
            }), stop.Token);
            while (!api.Requests.Any(r => r.Path.EndsWith("/env-1/response", StringComparison.Ordinal)) && !stop.IsCancellationRequested)
            {
                await Task.Delay(20);
            }

            await stop.CancelAsync();
            Assert.Equal(LambdaBootstrap.ExitOk, await loop);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", previous);
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", null);
        }

        Assert.Equal("Root=1-65a0b1c2-0123456789abcdef01234567;Sampled=0", traceSeen);
        Assert.Equal("{\"ok\":true}", api.Requests.Single(r => r.Method == "POST").BodyText);
    }

    [Fact]
    public async Task RunAsync_WithoutTheRuntimeApiVariable_ReturnsInitFailedWithoutRunningInit()
    {
        var previous = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", null);
        var initRan = false;
        try
        {
            var exit = await LambdaBootstrap.RunAsync(_ =>
            {
                initRan = true;
                return Task.FromResult<InvocationHandler>((_, _, _) => Task.FromResult(Array.Empty<byte>()));
            });

            Assert.Equal(LambdaBootstrap.ExitInitFailed, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", previous);
        }

        Assert.False(initRan);
    }
}
