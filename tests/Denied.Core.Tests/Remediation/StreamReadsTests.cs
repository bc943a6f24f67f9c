using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>DynamoDB stream reads: the denied read is granted on the stream, never replaced by dynamodb:ListStreams alone.</summary>
public sealed class StreamReadsTests
{
    [Theory]
    [InlineData("dynamodb:GetRecords", null)]
    [InlineData("dynamodb:GetShardIterator", null)]
    [InlineData("dynamodb:DescribeStream", null)]
    [InlineData("dynamodb:GetRecords", "arn:aws:s3:::not-a-stream")]
    public void StreamReadWithoutAStreamOrTableGetsNoStatementAndANote(string action, string? resource)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(action, resource));

        Assert.Empty(fix.Statements);
        Assert.Contains(fix.Notes, n => n.Contains("stream ARN was not in the record", StringComparison.Ordinal));
    }

    [Fact]
    public void StreamReadWithOnlyTheTableIsOnTheTablesStreams()
    {
        const string table = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders";
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:GetShardIterator", table));

        Assert.Equal(["dynamodb:GetShardIterator", "dynamodb:GetRecords", "dynamodb:DescribeStream"], fix.Statements[0].Statement.Actions);
        Assert.Equal([table + "/stream/*"], fix.Statements[0].Statement.Resources);
        Assert.Equal(["dynamodb:ListStreams"], fix.Statements[1].Statement.Actions);
    }

    [Fact]
    public void DeniedListStreamsIsStillGrantedOnStar()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:ListStreams", "*"));

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["dynamodb:ListStreams"], statement.Actions);
        Assert.Equal(["*"], statement.Resources);
    }
}
