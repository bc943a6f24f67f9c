using System.Text.Json;
using Denied.TestSupport;
using Template.Tests.Support;

namespace Template.Tests.Detection;

/// <summary>
/// The patterns in infra/ route real-shaped CloudTrail events through an EventBridge rule (moto's
/// implementation, which supports wildcard and $or) to an SQS queue, or not.
/// </summary>
[Collection("moto")]
public sealed class EventPatternDeliveryTests(MotoServer moto)
{
    public static TheoryData<string, string, bool> Cases() => new()
    {
        // Denials: delivered whoever the caller is.
        { TemplateFiles.EventPattern, "s3-getobject-access-denied-by-lambda-role.json", true },
        { TemplateFiles.EventPattern, "kms-decrypt-access-denied-exception.json", true },
        { TemplateFiles.EventPattern, "ec2-describe-instances-client-unauthorized-operation.json", true },
        { TemplateFiles.EventPattern, "sns-publish-authorization-error.json", true },
        { TemplateFiles.EventPattern, "iam-user-ssm-getparameter-access-denied.json", true },
        { TemplateFiles.EventPattern, "lambda-create-event-source-mapping-role-lacks-permissions.json", true },
        // Not denials: successes, missing keys, other services' "does not have permissions" validation errors.
        { TemplateFiles.EventPattern, "s3-getobject-success.json", false },
        { TemplateFiles.EventPattern, "s3-getobject-no-such-key.json", false },
        { TemplateFiles.EventPattern, "ec2-run-instances-invalid-parameter-mentioning-permissions.json", false },
        // VPC endpoint denials have their own detail-type and rule.
        { TemplateFiles.EventPattern, "s3-vpce-access-denied-network-activity.json", false },
        { TemplateFiles.NetworkActivityEventPattern, "s3-vpce-access-denied-network-activity.json", true },
        { TemplateFiles.NetworkActivityEventPattern, "s3-getobject-access-denied-by-lambda-role.json", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PatternRoutesEventOnlyWhenItIsAnAccessDenial(string pattern, string fixture, bool delivered)
    {
        await moto.ResetAsync();

        var (exitCode, stdout, stderr) = await Python.RunAsync(
        [
            TemplateFiles.Script("event_pattern_delivery.py"),
            moto.EndpointUrl,
            TemplateFiles.FullPath(pattern),
            TemplateFiles.Fixture(fixture),
        ]);

        Assert.True(exitCode == 0, $"event_pattern_delivery.py exited {exitCode}:\n{stdout}\n{stderr}");
        var count = JsonDocument.Parse(stdout).RootElement.GetProperty("delivered").GetInt32();
        Assert.Equal(delivered ? 1 : 0, count);
    }
}
