using Denied.Actions;
using Denied.Core.Tests.Iam;
using Denied.Iam;

namespace Denied.Core.Tests.Actions;

public sealed class ActionResolverTests
{
    private static ActionResolution Resolve(string eventSource, string eventName, string? messageAction = null, string? requestParameters = null) =>
        ActionResolver.Resolve(TestRecords.Event(eventSource, eventName, requestParameters), messageAction, IamCatalog.Default);

    [Theory]
    [InlineData("SNS:Publish", "sns:Publish")]
    [InlineData("s3:listbucket", "s3:ListBucket")]
    [InlineData("KMS:DECRYPT", "kms:Decrypt")]
    [InlineData(" iam:PassRole ", "iam:PassRole")]
    public void MessageActionWinsInItsDocumentedCasing(string messageAction, string expected)
    {
        // The event says GetObject; the message names the action actually denied.
        var resolution = Resolve("s3.amazonaws.com", "GetObject", messageAction);
        Assert.Equal((expected, ActionResolver.FromMessage), (resolution.Action, resolution.Source));
        Assert.Empty(resolution.Notes);
    }

    [Fact]
    public void UnknownMessageActionIsNeverOutputAndFallsBackToTheEventName()
    {
        var resolution = Resolve("s3.amazonaws.com", "GetObject", "s3:GetObjects");
        Assert.Equal(("s3:GetObject", ActionResolver.FromEventName), (resolution.Action, resolution.Source));
        Assert.Contains("unknown action: s3:GetObjects is not an IAM action", resolution.Notes);
    }

    [Theory]
    [InlineData("sqs.amazonaws.com", "ReceiveMessage", "sqs:ReceiveMessage")]
    [InlineData("secretsmanager.amazonaws.com", "GetSecretValue", "secretsmanager:GetSecretValue")]
    [InlineData("dynamodb.amazonaws.com", "BatchGetItem", "dynamodb:BatchGetItem")]
    [InlineData("dynamodb.amazonaws.com", "BatchWriteItem", "dynamodb:BatchWriteItem")]
    [InlineData("monitoring.amazonaws.com", "PutMetricData", "cloudwatch:PutMetricData")]
    [InlineData("streams.dynamodb.amazonaws.com", "GetRecords", "dynamodb:GetRecords")]
    [InlineData("xray.amazonaws.com", "PutTraceSegments", "xray:PutTraceSegments")]
    [InlineData("s3.amazonaws.com", "getobject", "s3:GetObject")]
    [InlineData("s3.amazonaws.com", "PutBucketCors", "s3:PutBucketCORS")]
    public void EventNameThatIsTheActionNameMapsInDocumentedCasing(string eventSource, string eventName, string expected) =>
        Assert.Equal((expected, ActionResolver.FromEventName), (Resolve(eventSource, eventName).Action, Resolve(eventSource, eventName).Source));

    [Theory]
    [InlineData("ListFunctions20150331", "lambda:ListFunctions")]
    [InlineData("CreateFunction20150331", "lambda:CreateFunction")]
    [InlineData("UpdateFunctionCode20150331v2", "lambda:UpdateFunctionCode")]
    [InlineData("GetFunctionConfiguration20150331v2", "lambda:GetFunctionConfiguration")]
    [InlineData("AddPermission20150331v2", "lambda:AddPermission")]
    [InlineData("ListTags20170331", "lambda:ListTags")]
    [InlineData("GetLayerVersionByArn20181031", "lambda:GetLayerVersion")]
    public void LambdaApiVersionSuffixIsStripped(string eventName, string expected) =>
        Assert.Equal(expected, Resolve("lambda.amazonaws.com", eventName).Action);

    [Theory]
    [InlineData("CreateDistribution2020_05_31", "CreateDistribution")]
    [InlineData("ListFunctions20150331", "ListFunctions")]
    [InlineData("UpdateFunctionCode20150331v2", "UpdateFunctionCode")]
    [InlineData("ListObjectsV2", "ListObjectsV2")]
    [InlineData("GetObject", "GetObject")]
    public void VersionSuffixStrippingLeavesOrdinaryNamesAlone(string eventName, string expected) =>
        Assert.Equal(expected, EventNameVersionSuffix.Strip(eventName));

    [Fact]
    public void EventNameIamDoesNotDefineGivesNullWithNote()
    {
        var resolution = Resolve("s3.amazonaws.com", "GetObjectTorrentV9");
        Assert.Null(resolution.Action);
        Assert.Equal(ActionResolver.Unknown, resolution.Source);
        Assert.Contains("unknown action: s3:GetObjectTorrentV9 is not an IAM action", resolution.Notes);
    }

    [Fact]
    public void UnknownEventSourceGivesNullWithNote()
    {
        var resolution = Resolve("nosuchservice.amazonaws.com", "DoThing");
        Assert.Null(resolution.Action);
        Assert.Contains(resolution.Notes, n => n.Contains("nosuchservice.amazonaws.com", StringComparison.Ordinal));
    }

    [Fact]
    public void HostileEventNameIsReportedVerbatimAndNeverOutputAsAnAction()
    {
        var resolution = Resolve("s3.amazonaws.com", "<@here> `x`");
        Assert.Null(resolution.Action);
        Assert.Contains("unknown action: s3:<@here> `x` is not an IAM action", resolution.Notes);
    }

    [Theory]
    [InlineData("""{"statement":"SELECT * FROM \"t\""}""", "dynamodb:PartiQLSelect")]
    [InlineData("""{"statement":"  insert into t value {'a':1}"}""", "dynamodb:PartiQLInsert")]
    [InlineData("""{"statements":[{"statement":"UPDATE t SET a=1"},{"statement":"update t SET a=2"}]}""", "dynamodb:PartiQLUpdate")]
    [InlineData("""{"transactStatements":[{"statement":"DELETE FROM t WHERE k=1"}]}""", "dynamodb:PartiQLDelete")]
    public void PartiQlStatementVerbPicksTheAction(string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve("dynamodb.amazonaws.com", "ExecuteStatement", requestParameters: requestParameters).Action);

    [Theory]
    [InlineData(null)]
    [InlineData("""{"statements":[{"statement":"SELECT 1"},{"statement":"DELETE FROM t"}]}""")]
    public void PartiQlWithoutOneVerbGivesNullWithNote(string? requestParameters)
    {
        var resolution = Resolve("dynamodb.amazonaws.com", "BatchExecuteStatement", requestParameters: requestParameters);
        Assert.Null(resolution.Action);
        Assert.Single(resolution.Notes);
    }

    [Theory]
    [InlineData("s3.amazonaws.com", "CopyObject", "s3:GetObject")]
    [InlineData("kms.amazonaws.com", "ReEncrypt", "kms:ReEncryptTo")]
    public void CallsNeedingSeveralActionsSayWhichOthers(string eventSource, string eventName, string other) =>
        Assert.Contains(Resolve(eventSource, eventName).Notes, n => n.Contains(other, StringComparison.Ordinal));
}
