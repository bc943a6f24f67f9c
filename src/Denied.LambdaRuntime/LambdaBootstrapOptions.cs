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

    /// <summary>Where the loop's own JSON diagnostics go (stderr); never event content.</summary>
    public TextWriter Log { get; init; } = Console.Error;

    /// <summary>The <c>function</c> field of those diagnostics (AWS_LAMBDA_FUNCTION_NAME in Lambda).</summary>
    public string FunctionName { get; init; } = "bootstrap";

    /// <summary><c>http://{hostAndPort}/2018-06-01/</c>.</summary>
    public static Uri BaseFor(string hostAndPort) => new($"http://{hostAndPort}/2018-06-01/");
}
