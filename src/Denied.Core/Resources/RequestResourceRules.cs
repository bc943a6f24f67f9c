namespace Denied.Resources;

/// <summary>The request-parameter rules in the order they are tried: service families first, then any ARN.</summary>
internal static class RequestResourceRules
{
    public static IReadOnlyList<IRequestResourceRule> All { get; } =
    [
        new S3RequestResource(),
        new DynamoDbRequestResource(),
        new SqsRequestResource(),
        new KmsRequestResource(),
        new SecretsManagerRequestResource(),
        new SsmRequestResource(),
        new LambdaRequestResource(),
        new LogsRequestResource(),
        new StreamRequestResource(),
        new EventsRequestResource(),
        new BedrockRequestResource(),
        new IamRequestResource(),
        new GenericArnRequestResource(),
    ];
}
