using System.Text;
using Denied.CloudTrail;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;

namespace Denied.Core.Tests.CloudTrail;

public class CloudTrailRecordParserTests
{
    // Found by scripts/fuzz.sh (seed 20261120): requestParameters stay raw JSON, and a broken UTF-8 sequence in one of
    // its strings threw later, when the engine read it.
    [Theory]
    [InlineData("dynamodb-transactwriteitems-no-message.json")]
    [InlineData("bedrock-converse-no-message.json")]
    [InlineData("s3-getobject-version-plain-access-denied.json")]
    public void InvalidUtf8InRequestParameters_IsRefusedByNameAtParse(string fixture)
    {
        var text = Fixture.Text(fixture);
        var at = text.IndexOf("\"requestParameters\"", StringComparison.Ordinal);
        var quote = text.IndexOf(":\"", text.IndexOf('{', at), StringComparison.Ordinal) + 2;
        var bytes = Encoding.UTF8.GetBytes(text[..quote]).Append((byte)0xC3).Concat(Encoding.UTF8.GetBytes(text[quote..])).ToArray();

        var result = CloudTrailRecordParser.Parse(bytes);

        Assert.Null(result.Record);
        Assert.Equal("not a CloudTrail record: the text is not valid UTF-8", result.Error);
    }

    [Fact]
    public void ValidUtf8WithNonAsciiText_IsParsedAndDiagnosed()
    {
        var bytes = Encoding.UTF8.GetBytes(Fixture.Text("dynamodb-transactwriteitems-no-message.json").Replace("Orders", "Bestellungen-ä€😀", StringComparison.Ordinal));

        var record = CloudTrailRecordParser.Parse(bytes).Record;

        Assert.NotNull(record);
        Assert.True(new Diagnoser(IamCatalog.Default).Diagnose(record).Denied);
    }
}
