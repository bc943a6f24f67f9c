namespace Denied.LambdaRuntime;

/// <summary>
/// The loop's seams: where the Runtime API is, the HTTP client (no timeout), the clock for deadlines,
/// how the trace id reaches the environment, where diagnostics go and, for tests and benchmarks, a bound
/// on the number of invocations (null: loop until cancelled).
/// </summary>
internal sealed record LambdaBootstrapOptions(Uri RuntimeApiBase, HttpClient Http)
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int? MaxInvocations { get; init; }

    public Action<string, string?> SetEnvironmentVariable { get; init; } = Environment.SetEnvironmentVariable;

    public TextWriter Log { get; init; } = Console.Error;

    /// <summary><c>http://{hostAndPort}/2018-06-01/</c>.</summary>
    public static Uri BaseFor(string hostAndPort) => new($"http://{hostAndPort}/2018-06-01/");
}
