using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// Lambda refuses a Kinesis event source mapping until the role has the whole polling set (Lambda DG, "Process Amazon
/// Kinesis Data Streams records with Lambda"): granting only the first action the message lists fails again on the next.
/// </summary>
public sealed class KinesisTriggerFixTests
{
    private const string Stream = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks";

    private static readonly string[] StreamReads =
        ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards"];

    [Theory]
    [InlineData("kinesis:GetRecords")]
    [InlineData("kinesis:GetShardIterator")]
    [InlineData("kinesis:DescribeStream")]
    [InlineData("kinesis:ListShards")]
    public void ConfigurationTimeStreamReadGetsTheMappingSetOnTheStreamAndListStreamsOnStar(string denied)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(denied, Stream) with { IsConfigurationTime = true });

        Assert.Collection(
            fix.Statements,
            reads =>
            {
                Assert.Equal(denied, reads.Statement.Actions[0]);
                Assert.Equal(StreamReads.Order(StringComparer.Ordinal), reads.Statement.Actions.Order(StringComparer.Ordinal));
                Assert.Equal([Stream], reads.Statement.Resources);
            },
            list =>
            {
                // kinesis:ListStreams has no resource types in the IAM data, so "*" is its narrowest resource.
                Assert.Equal(["kinesis:ListStreams"], list.Statement.Actions);
                Assert.Equal(["*"], list.Statement.Resources);
            });
        Assert.Empty(Denied.Iam.IamCatalog.Default.FindAction("kinesis:ListStreams")!.ResourceTypes);
    }

    [Fact]
    public void RunTimeGetRecordsByTheFunctionsOwnCodeGetsOnlyThatAction()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("kinesis:GetRecords", Stream));

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["kinesis:GetRecords"], statement.Actions);
        Assert.Equal([Stream], statement.Resources);
    }

    [Fact]
    public void TheCannotAccessStreamRejectionGetsEveryActionLambdaChecks()
    {
        var fix = Diagnose.Fixture("kinesis-create-event-source-mapping-cannot-access-stream.json");

        var actions = fix.Statements.SelectMany(s => s.Statement.Actions).ToArray();
        Assert.Equal([.. StreamReads, "kinesis:ListStreams"], actions);
        Assert.Equal(["arn:aws:kinesis:us-east-1:111122223333:stream/clicks"], fix.Statements[0].Statement.Resources);
        Assert.All(fix.Statements, s => Assert.Equal("execution-role", s.Document));
        Assert.Contains(fix.Commands, c => c.Contains("kinesis:DescribeStreamSummary", StringComparison.Ordinal));
    }
}
