namespace Denied.Resources;

/// <summary>
/// Kinesis Data Streams streamName -> the stream ARN; Firehose deliveryStreamName -> the delivery
/// stream ARN. ARN parameters (streamARN) are handled by <see cref="GenericArnRequestResource"/>.
/// </summary>
internal sealed class StreamRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (context.Is("kinesis") && context.String("streamName") is { } stream)
        {
            yield return ResourceCandidate.ForType("stream", context.Values(("StreamName", stream)));
        }

        if (context.Is("firehose") && context.String("deliveryStreamName") is { } delivery)
        {
            yield return ResourceCandidate.ForType("deliverystream", context.Values(("DeliveryStreamName", delivery)));
        }
    }
}
