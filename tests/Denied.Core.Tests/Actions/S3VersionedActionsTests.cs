using Denied.Actions;
using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Iam;
using Denied.Iam;

namespace Denied.Core.Tests.Actions;

public sealed class S3VersionedActionsTests
{
    private const string Versioned = """{"bucketName":"b","key":"k","versionId":"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"}""";
    private const string Unversioned = """{"bucketName":"b","key":"k"}""";

    private static ActionResolution Resolve(string eventName, string requestParameters, string? messageAction = null) =>
        ActionResolver.Resolve(TestRecords.Event("s3.amazonaws.com", eventName, requestParameters), messageAction, IamCatalog.Default);

    [Theory]
    [InlineData("GetObject", "s3:GetObjectVersion")]
    [InlineData("HeadObject", "s3:GetObjectVersion")]
    [InlineData("DeleteObject", "s3:DeleteObjectVersion")]
    [InlineData("GetObjectTagging", "s3:GetObjectVersionTagging")]
    [InlineData("PutObjectTagging", "s3:PutObjectVersionTagging")]
    [InlineData("DeleteObjectTagging", "s3:DeleteObjectVersionTagging")]
    [InlineData("GetObjectAcl", "s3:GetObjectVersionAcl")]
    [InlineData("PutObjectAcl", "s3:PutObjectVersionAcl")]
    [InlineData("GetObjectAttributes", "s3:GetObjectVersionAttributes")]
    public void RequestNamingAVersionMapsToTheVersionAction(string eventName, string expected)
    {
        var resolution = Resolve(eventName, Versioned);
        Assert.Equal((expected, ActionResolver.FromEventName), (resolution.Action, resolution.Source));
        Assert.Contains(resolution.Notes, n => n.Contains("versionId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GetObject", "s3:GetObject")]
    [InlineData("HeadObject", "s3:GetObject")]
    [InlineData("DeleteObject", "s3:DeleteObject")]
    [InlineData("GetObjectTagging", "s3:GetObjectTagging")]
    [InlineData("PutObjectAcl", "s3:PutObjectAcl")]
    public void RequestWithoutAVersionKeepsTheUnversionedAction(string eventName, string expected) =>
        Assert.Equal(expected, Resolve(eventName, Unversioned).Action);

    [Theory]
    [InlineData("""{"bucketName":"b","key":"k","versionId":""}""")]
    [InlineData("""{"bucketName":"b","key":"k","versionId":null}""")]
    public void EmptyVersionIdIsNoVersion(string requestParameters) =>
        Assert.Equal("s3:GetObject", Resolve("GetObject", requestParameters).Action);

    [Theory]
    [InlineData("RestoreObject", "s3:RestoreObject")]
    [InlineData("GetObjectRetention", "s3:GetObjectRetention")]
    [InlineData("GetObjectLegalHold", "s3:GetObjectLegalHold")]
    public void ObjectCallsWithoutAVersionActionIgnoreVersionId(string eventName, string expected) =>
        Assert.Equal(expected, Resolve(eventName, Versioned).Action);

    [Fact]
    public void MessageActionWinsOverTheVersionAction()
    {
        var resolution = Resolve("GetObject", Versioned, "s3:GetObject");
        Assert.Equal(("s3:GetObject", ActionResolver.FromMessage), (resolution.Action, resolution.Source));
    }

    [Fact]
    public void GetObjectAttributesOfAVersionSaysItAlsoNeedsGetObjectVersion() =>
        Assert.Contains(Resolve("GetObjectAttributes", Versioned).Notes, n => n.Contains("s3:GetObjectVersion", StringComparison.Ordinal));

    [Fact]
    public void VersionedGetObjectRecordResolvesToGetObjectVersionOnTheObjectArn()
    {
        var record = Fixture.Record("s3-getobject-version-plain-access-denied.json");
        var action = ActionResolver.Resolve(record, null, IamCatalog.Default);
        var resource = Denied.Resources.ResourceResolver.Resolve(record, action.Action, null, IamCatalog.Default);
        Assert.Equal(("s3:GetObjectVersion", "arn:aws:s3:::partner-exports-bucket/daily/2025-03-13.csv"), (action.Action, resource.Resource));
    }
}
