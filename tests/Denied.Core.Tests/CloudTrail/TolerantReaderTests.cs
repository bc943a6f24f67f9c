using System.Text;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;

namespace Denied.Core.Tests.CloudTrail;

/// <summary>
/// A field the diagnosis does not need never makes a record unreadable (published real records carry "readOnly" as a
/// string); the fields it needs keep their strict checks and errors. A UTF-8 byte order mark at the start is skipped.
/// </summary>
public sealed class TolerantReaderTests
{
    private static RecordParseResult ParseWith(string field, string json)
    {
        var text = Fixture.Text("dynamodb-putitem-identity-explicit.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        node.Remove(field);
        var body = node.ToJsonString();
        return CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(body[..^1] + ",\"" + field + "\":" + json + "}"));
    }

    [Theory]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("null", null)]
    [InlineData("1", null)]
    [InlineData("\"yes\"", null)]
    [InlineData("{\"a\":1}", null)]
    public void ReadOnly_AcceptsStringsAndIgnoresOtherTypes(string json, bool? expected)
    {
        var result = ParseWith("readOnly", json);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Record!.ReadOnly);
    }

    [Theory]
    [InlineData("eventVersion")]
    [InlineData("eventType")]
    [InlineData("eventCategory")]
    [InlineData("sharedEventID")]
    [InlineData("vpcEndpointAccountId")]
    public void UnneededFields_OfAnUnexpectedType_ReadAsNull(string field)
    {
        foreach (var json in new[] { "1", "true", "{\"x\":[1,2]}", "[\"a\"]" })
        {
            var result = ParseWith(field, json);
            Assert.Null(result.Error);
            Assert.Equal("PutItem", result.Record!.EventName);
        }
    }

    [Theory]
    [InlineData("errorCode")]
    [InlineData("errorMessage")]
    [InlineData("eventName")]
    [InlineData("eventSource")]
    [InlineData("recipientAccountId")]
    public void NeededFields_OfAnUnexpectedType_StayErrorsThatNameThem(string field)
    {
        var result = ParseWith(field, "123");

        Assert.Null(result.Record);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnneededUserIdentityFields_OfAnUnexpectedType_ReadAsNull()
    {
        var text = Fixture.Text("dynamodb-putitem-identity-explicit.json")
            .Replace("\"accessKeyId\": \"", "\"accessKeyIdX\": \"", StringComparison.Ordinal)
            .Replace("\"userName\": \"", "\"userNameX\": \"", StringComparison.Ordinal);
        var node = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        node["userIdentity"]!["accessKeyId"] = 42;
        node["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["userName"] = new System.Text.Json.Nodes.JsonArray();

        var result = CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

        Assert.Null(result.Error);
        Assert.Null(result.Record!.UserIdentity!.AccessKeyId);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/order-writer-role", result.Record.UserIdentity.SessionContext!.SessionIssuer!.Arn);
    }

    [Fact]
    public void AFixtureWithReadOnlyAsAString_IsRead() =>
        Assert.True(Fixture.Record("scp-implicit-no-allow.json").ReadOnly);

    [Fact]
    public void ByteOrderMarkAtTheStart_IsSkippedByTheParser()
    {
        var bytes = "\uFEFF"u8.ToArray().Concat(Encoding.UTF8.GetBytes(Fixture.Text("dynamodb-putitem-identity-explicit.json"))).ToArray();

        Assert.Equal("PutItem", CloudTrailRecordParser.Parse(bytes).Record!.EventName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ByteOrderMarkAtTheStartOfAStream_IsSkipped(bool gzip)
    {
        var bytes = "\uFEFF"u8.ToArray().Concat(Encoding.UTF8.GetBytes(Fixture.Text("dynamodb-putitem-identity-explicit.json"))).ToArray();
        if (gzip)
        {
            using var packed = new MemoryStream();
            using (var z = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(bytes);
            }

            bytes = packed.ToArray();
        }

        var items = CloudTrailInput.ReadStream(new MemoryStream(bytes), "-", gzip, skipNonDenials: false).ToList();

        var item = Assert.Single(items);
        Assert.Null(item.Error);
        Assert.Equal("PutItem", item.Record!.EventName);
    }

    [Fact]
    public void ABomLikeStartThatIsNotOne_PassesUnchanged()
    {
        var items = CloudTrailInput.ReadStream(new MemoryStream([0xEF, 0xBB]), "-", false, skipNonDenials: false).ToList();

        Assert.NotNull(Assert.Single(items).Error);
    }
}
