namespace Denied.AwsClients;

/// <summary>Publishes to an SNS topic. The seam for the notifier; <see cref="SnsClient"/> is the AWS implementation.</summary>
public interface SnsPublisher
{
    /// <summary>Returns the MessageId SNS assigned. Throws <see cref="AwsServiceException"/> naming Publish and the topic ARN.</summary>
    Task<string> PublishAsync(SnsMessage message, CancellationToken ct);
}
