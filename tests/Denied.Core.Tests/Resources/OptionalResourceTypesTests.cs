using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Iam;
using Denied.Iam;
using Denied.Resources;

namespace Denied.Core.Tests.Resources;

/// <summary>Actions whose resource types are all optional are evaluated on "*" when the request names none.</summary>
public sealed class OptionalResourceTypesTests
{
    [Theory]
    [InlineData("cloudwatch:PutMetricData", """{"namespace":"App","metricData":[{"metricName":"m","value":1}]}""")]
    [InlineData("polly:SynthesizeSpeech", """{"outputFormat":"mp3","voiceId":"Joanna","lexiconNames":[]}""")]
    [InlineData("translate:TranslateText", """{"sourceLanguageCode":"en","targetLanguageCode":"fr"}""")]
    [InlineData("cloudwatch:GetMetricData", """{"startTime":"2025-03-14T00:00:00Z","endTime":"2025-03-14T01:00:00Z"}""")]
    public void RequestNamingNoResourceGetsStarWithNote(string action, string requestParameters)
    {
        var resolution = Resolve.FromParameters(action, requestParameters);
        Assert.Equal(("*", ResourceResolver.OptionalResourceTypes), (resolution.Resource, resolution.Source));
        Assert.Contains(resolution.Notes, n => n.Contains("optionally", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("polly:SynthesizeSpeech", """{"outputFormat":"mp3","voiceId":"Joanna","lexiconNames":["acronyms"]}""", "lexiconNames")]
    [InlineData("translate:TranslateText", """{"sourceLanguageCode":"en","targetLanguageCode":"fr","terminologyNames":["brand"]}""", "terminologyNames")]
    public void ParameterNamingAnOptionalResourceIsNotWidenedToStar(string action, string requestParameters, string parameter)
    {
        var resolution = Resolve.FromParameters(action, requestParameters);
        Assert.Equal((null, ResourceResolver.Unknown), (resolution.Resource, resolution.Source));
        Assert.Contains(resolution.Notes, n => n.Contains(parameter, StringComparison.Ordinal));
    }

    [Theory]
    // The reference leaves alternatives unstarred: s3:GetObject lists "object" and "accesspointobject", both optional.
    [InlineData("s3:GetObject", """{"bucketName":"b"}""")]
    [InlineData("lambda:PutProvisionedConcurrencyConfig", """{"functionName":"f"}""")]
    [InlineData("sns:Unsubscribe", """{"subscriptionArn":"arn:aws:sns:us-east-1:123456789012:t:0b1c"}""")]
    public void RequestNamingSomeResourceIsNeverWidenedToStar(string action, string requestParameters) =>
        Assert.NotEqual("*", Resolve.FromParameters(action, requestParameters).Resource);

    [Fact]
    public void RecordListingResourcesIsNeverWidenedToStar()
    {
        var resolution = Resolve.FromResources("s3:GetObject", """[{"type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"}]""");
        Assert.Null(resolution.Resource);
    }

    [Fact]
    public void MissingRequestParametersAreNeverWidenedToStar()
    {
        var resolution = ResourceResolver.Resolve(TestRecords.Event("s3.amazonaws.com", "GetObject"), "s3:GetObject", null, IamCatalog.Default);
        Assert.Null(resolution.Resource);
    }

    [Theory]
    [InlineData("sqs:SendMessage")]
    [InlineData("secretsmanager:GetSecretValue")]
    [InlineData("dynamodb:PutItem")]
    [InlineData("kms:Decrypt")]
    public void ActionWithARequiredResourceTypeIsNeverWidenedToStar(string action)
    {
        Assert.True(IamCatalog.Default.FindAction(action)!.HasRequiredResourceType);
        Assert.Null(Resolve.FromParameters(action, """{"unrelated":"x"}""").Resource);
    }

    [Fact]
    public void PutMetricDataRecordResolvesToStar()
    {
        var record = Fixture.Record("cloudwatch-putmetricdata-no-message.json");
        var action = Denied.Actions.ActionResolver.Resolve(record, null, IamCatalog.Default);
        var resource = ResourceResolver.Resolve(record, action.Action, null, IamCatalog.Default);
        Assert.Equal(("cloudwatch:PutMetricData", "*"), (action.Action, resource.Resource));
    }
}
