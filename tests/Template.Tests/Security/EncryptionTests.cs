using Template.Tests.Support;

namespace Template.Tests.Security;

/// <summary>Every store is encrypted at rest: table, queues, topic, trail bucket; log groups when asked.</summary>
public sealed class EncryptionTests
{
    public static TheoryData<string> AllTemplates() => new(TemplateFiles.All());

    [Fact]
    public async Task FindingsTableIsEncryptedWithKms()
    {
        var t = await Templates.MainAsync();

        var sse = t.Resource("FindingsTable").Required("SSESpecification");

        Assert.True(sse.GetProperty("SSEEnabled").GetBoolean());
        Assert.Equal("KMS", sse.GetProperty("SSEType").GetString());
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task EveryQueueIsEncrypted(string template)
    {
        var t = await Templates.LoadAsync(template);

        Assert.All(t.OfType("AWS::SQS::Queue"), q => Assert.True(
            q.Property("SqsManagedSseEnabled")?.GetBoolean() == true || q.Property("KmsMasterKeyId") is not null,
            $"{q.Id} is not encrypted"));
    }

    [Fact]
    public async Task TopicIsEncryptedWithARotatedCustomerManagedKey()
    {
        var t = await Templates.MainAsync();

        Assert.True(Intrinsics.IsRef(t.Resource("NotificationTopic").Required("KmsMasterKeyId"), "EncryptionKey"));
        Assert.True(t.Resource("EncryptionKey").Required("EnableKeyRotation").GetBoolean());
    }

    [Theory]
    [InlineData("DetectorLogGroup")]
    [InlineData("NotifierLogGroup")]
    public async Task LogGroupUsesTheStackKeyExactlyWhenLogEncryptionIsOn(string logGroup)
    {
        var t = await Templates.MainAsync();

        var ifEncrypt = t.Resource(logGroup).Required("KmsKeyId").GetProperty("Fn::If");

        Assert.Equal("EncryptLogs", ifEncrypt[0].GetString());
        Assert.True(Intrinsics.IsGetAtt(ifEncrypt[1], "EncryptionKey", "Arn"));
        Assert.True(Intrinsics.IsNoValue(ifEncrypt[2]));
        // The key must let CloudWatch Logs use it for these groups, or creating them fails.
        Assert.Contains(
            PolicyStatement.AllIn(t.Resource("EncryptionKey").Required("KeyPolicy")),
            s => s.ServicePrincipal is null && s.Principal is { } p && p.TryGetProperty("Service", out var svc)
                 && Intrinsics.SubTemplate(svc) == "logs.${AWS::Region}.amazonaws.com"
                 && s.ConditionValue("kms:EncryptionContext:aws:logs:arn") is not null);
    }

    [Fact]
    public async Task TrailLogFilesAreEncryptedWithARotatedKeyInAPrivateBucket()
    {
        var t = await Templates.LoadAsync(TemplateFiles.Trail);

        var bucket = t.Resource("TrailBucket");
        var rule = bucket.Required("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0].GetProperty("ServerSideEncryptionByDefault");

        Assert.Equal("aws:kms", rule.GetProperty("SSEAlgorithm").GetString());
        Assert.True(Intrinsics.IsGetAtt(rule.GetProperty("KMSMasterKeyID"), "TrailKey", "Arn"));
        Assert.True(Intrinsics.IsGetAtt(t.Resource("Trail").Required("KMSKeyId"), "TrailKey", "Arn"));
        Assert.True(t.Resource("TrailKey").Required("EnableKeyRotation").GetBoolean());
        Assert.All(bucket.Required("PublicAccessBlockConfiguration").EnumerateObject(), p => Assert.True(p.Value.GetBoolean(), p.Name));
    }
}
