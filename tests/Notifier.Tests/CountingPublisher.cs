using Denied.AwsClients;

namespace Notifier.Tests;

/// <summary>Records what would be published (for tests where no publish must happen or the topic is beside the point).</summary>
internal sealed class CountingPublisher : SnsPublisher
{
    public List<SnsMessage> Published { get; } = [];

    public Task<string> PublishAsync(SnsMessage message, CancellationToken ct)
    {
        Published.Add(message);
        return Task.FromResult("m-" + Published.Count);
    }
}
