using System.Text.Json;
using Denied.CloudTrail;

namespace Denied.Core.Tests.Iam;

/// <summary>Small CloudTrail records for the action and resource tests, read through the production JSON context.</summary>
internal static class TestRecords
{
    public const string Account = "123456789012";

    public static CloudTrailRecord Parse(string json) =>
        JsonSerializer.Deserialize(json, CloudTrailJsonContext.Default.CloudTrailRecord)
        ?? throw new InvalidOperationException("null record");

    /// <param name="eventSource">e.g. "s3.amazonaws.com".</param>
    /// <param name="eventName">e.g. "GetObject".</param>
    /// <param name="requestParameters">JSON text of requestParameters, or null for a JSON null.</param>
    /// <param name="resources">JSON text of the resources array, or null to leave it out.</param>
    /// <param name="region">awsRegion.</param>
    /// <param name="recipientAccount">recipientAccountId, or null to leave it out (then userIdentity.accountId speaks).</param>
    public static CloudTrailRecord Event(
        string eventSource,
        string eventName,
        string? requestParameters = null,
        string? resources = null,
        string region = "us-east-1",
        string? recipientAccount = Account)
    {
        var json = $$"""
            {
              "eventVersion": "1.09",
              "eventSource": "{{eventSource}}",
              "eventName": "{{eventName}}",
              "awsRegion": "{{region}}",
              "errorCode": "AccessDenied",
              "userIdentity": { "type": "AssumedRole", "accountId": "210987654321" },
              "requestParameters": {{requestParameters ?? "null"}}
              {{(resources is null ? "" : $", \"resources\": {resources}")}}
              {{(recipientAccount is null ? "" : $", \"recipientAccountId\": \"{recipientAccount}\"")}}
            }
            """;
        return Parse(json);
    }
}
