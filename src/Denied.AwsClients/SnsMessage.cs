namespace Denied.AwsClients;

/// <summary>
/// One SNS Publish. <paramref name="JsonStructure"/> sends <c>MessageStructure=json</c>: <paramref name="Message"/>
/// is then a JSON object with a <c>default</c> key and optional per-protocol keys. <paramref name="Subject"/> is
/// omitted when null (SNS: ASCII, no line breaks, at most 100 characters). Each attribute is sent with DataType
/// <c>String</c>, in ordinal name order.
/// </summary>
public sealed record SnsMessage(
    string TopicArn,
    string Message,
    string? Subject,
    bool JsonStructure,
    IReadOnlyDictionary<string, string> StringAttributes);
