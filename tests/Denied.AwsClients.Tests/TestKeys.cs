namespace Denied.AwsClients.Tests;

/// <summary>The SigV4 test-suite keys and a fixed signing instant.</summary>
public static class TestKeys
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string SessionAccessKey = "ASIAEXAMPLE";
    public const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//token+with/slashes==";
    public const string TopicArn = "arn:aws:sns:us-east-1:123456789012:orders";

    public static readonly DateTimeOffset SignedAt = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A retry policy that never sleeps and records the delays it was asked for (jitter fixed at 0.5).</summary>
    public static AwsRetryPolicy Retry(List<TimeSpan> delays, int maxRetries = 3) =>
        new(maxRetries, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2))
        {
            Delay = (d, _) =>
            {
                delays.Add(d);
                return Task.CompletedTask;
            },
            Jitter = () => 0.5,
        };
}
