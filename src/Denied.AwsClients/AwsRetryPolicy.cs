namespace Denied.AwsClients;

/// <summary>
/// Retries for throttling (Throttling, ThrottlingException, ThrottledException, TooManyRequestsException,
/// RequestLimitExceeded, HTTP 429), 5xx and connection failures: at most <paramref name="MaxRetries"/>
/// retries after the first attempt, each after a full-jitter exponential delay, uniform in
/// [0, min(<paramref name="MaxDelay"/>, <paramref name="BaseDelay"/> × 2^retry)). The default is 3 retries,
/// 100 ms base, 2 s cap. Other errors are never retried.
/// </summary>
public sealed record AwsRetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static AwsRetryPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));

    /// <summary>How a delay is waited out; tests record it instead of sleeping.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = static (delay, ct) => Task.Delay(delay, ct);

    /// <summary>A number in [0, 1) that scales the delay cap; tests fix it.</summary>
    internal Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    internal TimeSpan DelayBefore(int retry)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(cap * Jitter());
    }

    internal void Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "MaxRetries must be between 0 and 10.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "Delays must satisfy 0 <= BaseDelay <= MaxDelay.");
        }
    }
}
