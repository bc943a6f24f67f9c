using Denied.Actions;
using Denied.Core.Tests.Fixtures;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class BedrockRequestResourceTests
{
    [Theory]
    [InlineData("bedrock:InvokeModel", "anthropic.claude-3-haiku-20240307-v1:0", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("bedrock:InvokeModelWithResponseStream", "amazon.titan-text-express-v1", "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1")]
    [InlineData("bedrock:InvokeModel", "us.anthropic.claude-3-5-sonnet-20240620-v1:0", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0")]
    [InlineData("bedrock:InvokeModel", "eu.amazon.nova-lite-v1:0", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0")]
    [InlineData("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3", "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3")]
    [InlineData("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/p1", "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/p1")]
    public void ModelIdGivesTheModelOrInferenceProfileArn(string action, string modelId, string expected)
    {
        var resolution = Resolve.FromParameters(action, $$"""{"modelId":"{{modelId}}"}""");
        Assert.Equal((expected, ResourceResolver.FromRequestParameters), (resolution.Resource, resolution.Source));
    }

    [Fact]
    public void CrossRegionInferenceProfileNotesTheFoundationModelGrant() =>
        Assert.Contains(
            Resolve.FromParameters("bedrock:InvokeModel", """{"modelId":"us.anthropic.claude-3-5-sonnet-20240620-v1:0"}""").Notes,
            n => n.Contains("foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0", StringComparison.Ordinal));

    [Fact]
    public void ModelArnOfAnotherServiceIsIgnored() =>
        Assert.Null(Resolve.FromParameters("bedrock:InvokeModel", """{"modelId":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/e"}""").Resource);

    [Fact]
    public void ConverseRecordResolvesToInvokeModelOnTheFoundationModel()
    {
        var record = Fixture.Record("bedrock-converse-no-message.json");
        var action = ActionResolver.Resolve(record, null, IamCatalog.Default);
        var resource = ResourceResolver.Resolve(record, action.Action, null, IamCatalog.Default);
        Assert.Equal(
            ("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"),
            (action.Action, resource.Resource));
    }
}
