using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.TestSupport;

namespace Denied.Core.Tests.CloudTrail;

/// <summary>
/// Differential: the hand-written record pass against the source-generated serializer it stands in for. Whatever it
/// returns must be the serializer's record member for member (compared as the serializer writes both back); where the
/// serializer refuses the input it must return nothing, so the serializer's error is the one reported.
/// </summary>
public sealed class CloudTrailRecordReaderTests
{
    public static TheoryData<string> Records()
    {
        var data = new TheoryData<string>();
        foreach (var (_, json) in RealRecords())
        {
            data.Add(json);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void EverySampleAndFixtureRecordReadsAsTheSerializersRecord(string json)
    {
        var read = CloudTrailRecordReader.TryRead(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(read);
        Assert.Equal(Serialized(Deserialize(json)!), Serialized(read));
    }

    [Fact]
    public void EveryMutationOfEveryModelledMemberReadsAsTheSerializerReadsItOrIsLeftToTheSerializer()
    {
        var checkedCount = 0;
        var readCount = 0;
        foreach (var (name, json) in RealRecords().Where((_, i) => i % 4 == 0))
        {
            foreach (var mutant in Mutants(json))
            {
                var (expected, refused) = SerializerResult(mutant);
                var read = CloudTrailRecordReader.TryRead(Encoding.UTF8.GetBytes(mutant));
                checkedCount++;
                if (read is null)
                {
                    continue;
                }

                readCount++;
                Assert.False(refused, $"{name}: the serializer refuses this input but the reader read it: {mutant}");
                Assert.True(Serialized(expected!) == Serialized(read), $"{name}: a different record from {mutant}");
            }
        }

        // Both branches were exercised: many mutants read by hand, many left to the serializer.
        Assert.InRange(readCount, checkedCount / 10, checkedCount - (checkedCount / 10));
    }

    [Theory]
    [InlineData("{\"eventName\":\"GetObject\",\"eventName\":\"PutObject\"}")]
    [InlineData("{\"event\\u004eame\":\"GetObject\"}")]
    [InlineData("{\"eventName\":\"GetObject\"")]
    [InlineData("{\"eventName\":\"GetObject\"} x")]
    [InlineData("{\"eventName\":7}")]
    [InlineData("{\"userIdentity\":\"x\"}")]
    [InlineData("{\"resources\":{}}")]
    [InlineData("{\"resources\":[1]}")]
    [InlineData("[]")]
    [InlineData("null")]
    public void InputItIsUnsureOfIsLeftToTheSerializer(string json) =>
        Assert.Null(CloudTrailRecordReader.TryRead(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void AnEnvelopeWhoseDetailTheReaderLeavesKeepsTheSerializersError()
    {
        var result = CloudTrailRecordParser.Parse("{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":7}}"u8);

        Assert.Null(result.Record);
        Assert.Equal("EventBridge detail is not a CloudTrail record: wrong type at $.eventName (line 0, byte 14)", result.Error);
    }

    [Theory]
    [InlineData("{\"eventName\":\"x\\ud800\"}")]
    [InlineData("{\"userIdentity\":{\"arn\":\"\\udc00\"}}")]
    [InlineData("{\"eventVersion\":\"\\ud800\"}")]
    public void AnEscapeThatIsNoUtf16TextIsLeftToTheSerializersError(string detail)
    {
        Assert.Null(CloudTrailRecordReader.TryRead(Encoding.UTF8.GetBytes(detail)));
        Assert.True(SerializerResult(detail).Refused);
        var result = CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes("{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":" + detail + "}"));
        Assert.Null(result.Record);
        Assert.StartsWith("EventBridge detail is not a CloudTrail record: ", result.Error, StringComparison.Ordinal);
    }

    private static (CloudTrailRecord? Record, bool Refused) SerializerResult(string json)
    {
        try
        {
            return (Deserialize(json), false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }

    private static CloudTrailRecord? Deserialize(string json) => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), CloudTrailJsonContext.Default.CloudTrailRecord);

    private static string Serialized(CloudTrailRecord record) => JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord);

    // Every fixture (its detail when it is an envelope), every sample event, every record of the sample log files.
    private static IEnumerable<(string Name, string Json)> RealRecords()
    {
        var files = Fixture.RecordNames().Select(Fixture.PathOf)
            .Concat(Directory.GetFiles(RepoPaths.Combine("samples", "events"), "*.json").Order(StringComparer.Ordinal));
        foreach (var path in files)
        {
            var node = JsonNode.Parse(File.ReadAllText(path));
            if (node is JsonObject envelope && envelope["detail"] is JsonObject detail)
            {
                yield return (Path.GetFileName(path), detail.ToJsonString());
            }
            else if (node is JsonObject { } record)
            {
                yield return (Path.GetFileName(path), record.ToJsonString());
            }
        }

        foreach (var path in Directory.GetFiles(RepoPaths.Combine("samples", "AWSLogs"), "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            var log = JsonNode.Parse(gz)!["Records"]!.AsArray();
            foreach (var (record, i) in log.Select((r, i) => (r, i)).Where(x => x.r is JsonObject && x.i % 3 == 0))
            {
                yield return ($"{Path.GetFileName(path)}#{i}", record!.ToJsonString());
            }
        }
    }

    private static readonly string[] Values =
        ["null", "1", "true", "false", "\"s\"", "\"true\"", "\"False\"", "\"a\\u0041\\n\"", "{}", "[]", "{\"a\":[1,{\"b\":null}]}", "[null]", "[null,{\"ARN\":\"x\"}]", "[{\"ARN\":1}]", "{\"type\":\"Role\",\"arn\":2}"];

    private static readonly string[][] Paths =
    [
        ["eventVersion"], ["eventID"], ["eventTime"], ["eventSource"], ["eventName"], ["awsRegion"], ["sourceIPAddress"],
        ["userAgent"], ["errorCode"], ["errorMessage"], ["userIdentity"], ["requestParameters"], ["resources"],
        ["recipientAccountId"], ["eventType"], ["eventCategory"], ["readOnly"], ["vpcEndpointId"], ["vpcEndpointAccountId"],
        ["sharedEventID"], ["tlsDetails"], ["tlsDetails", "tlsVersion"], ["tlsDetails", "cipherSuite"], ["tlsDetails", "clientProvidedHostHeader"],
        ["userIdentity", "type"], ["userIdentity", "principalId"], ["userIdentity", "arn"], ["userIdentity", "accountId"],
        ["userIdentity", "accessKeyId"], ["userIdentity", "userName"], ["userIdentity", "invokedBy"], ["userIdentity", "sessionContext"],
        ["userIdentity", "sessionContext", "sourceIdentity"], ["userIdentity", "sessionContext", "sessionIssuer"],
        ["userIdentity", "sessionContext", "sessionIssuer", "type"], ["userIdentity", "sessionContext", "sessionIssuer", "principalId"],
        ["userIdentity", "sessionContext", "sessionIssuer", "arn"], ["userIdentity", "sessionContext", "sessionIssuer", "accountId"],
        ["userIdentity", "sessionContext", "sessionIssuer", "userName"], ["unmodelled"],
    ];

    // Each modelled member set to each kind of JSON value (creating the objects on the way), plus repeated and
    // escaped member names, a cut-off text and trailing text.
    private static IEnumerable<string> Mutants(string json)
    {
        foreach (var path in Paths)
        {
            foreach (var value in Values)
            {
                var root = JsonNode.Parse(json)!.AsObject();
                var parent = root;
                foreach (var step in path[..^1])
                {
                    if (parent[step] is not JsonObject child)
                    {
                        child = [];
                        parent[step] = child;
                    }

                    parent = child;
                }

                parent[path[^1]] = JsonNode.Parse(value);
                yield return root.ToJsonString();
            }
        }

        yield return json.Replace("{\"eventVersion\"", "{\"eventName\":\"X\",\"eventVersion\"", StringComparison.Ordinal).Replace("\"eventName\":", "\"eventName\":\"Y\",\"eventName\":", StringComparison.Ordinal);
        yield return json.Replace("\"eventName\"", "\"event\\u004eame\"", StringComparison.Ordinal);
        yield return json.Replace("\"arn\"", "\"\\u0061rn\"", StringComparison.Ordinal);
        yield return json[..(json.Length / 2)];
        yield return json + "{}";
        yield return json + " \n";
    }
}
