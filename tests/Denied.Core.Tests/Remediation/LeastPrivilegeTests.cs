using Denied.Diagnostics;
using Denied.Remediation;

namespace Denied.Core.Tests.Remediation;

/// <summary>The fix is never broader than the denied action and resource, except for the companions the product names.</summary>
public sealed class LeastPrivilegeTests
{
    [Theory]
    [InlineData("s3:*")]
    [InlineData("s3:Get*")]
    [InlineData("*")]
    [InlineData("s3:GetObject\n")]
    [InlineData("not an action")]
    public void AWildcardOrMalformedActionGetsNoStatement(string action)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For(action, "arn:aws:s3:::b/k"));

        Assert.Equal(FixTarget.None, fix.Target);
        Assert.Empty(fix.Statements);
    }

    // The one documented exception: a sender to an SSE-KMS topic or queue needs "kms:GenerateDataKey*" (the SNS and
    // SQS developer guides' key-management statements), and only when the record shows such a send.
    [Fact]
    public void NoActionInAnyGoldenFixHoldsAWildcard()
    {
        foreach (var request in SomeFixRequest.Golden.Values)
        {
            var actions = FixBuilder.Build(request).Statements.SelectMany(s => s.Statement.Actions);
            Assert.All(actions, a => Assert.True(!a.Contains('*', StringComparison.Ordinal)
                || (a == "kms:GenerateDataKey*" && request.EncryptedResourceCall is not null), a));
        }
    }

    [Fact]
    public void AnUnknownResourceIsNeverWidenedToStar()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:PutItem", null));

        Assert.Empty(fix.Statements);
        Assert.Contains(fix.Notes, n => n.Contains("resource could not be told", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:s3:::b/reports/*", "arn:aws:s3:::b/reports/${*}")]
    [InlineData("arn:aws:s3:::b/what?.csv", "arn:aws:s3:::b/what${?}.csv")]
    [InlineData("arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/${$}{aws:username}")]
    public void WildcardCharactersInAResourceAreWrittenAsLiterals(string resource, string expected)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("s3:PutObject", resource));

        Assert.Equal(expected, Assert.Single(fix.Statements).Statement.Resources.Single());
        Assert.Contains(fix.Notes, n => n.Contains("${*}", StringComparison.Ordinal));
    }

    [Fact]
    public void GetObjectAddsListBucketOnTheBucketArnNotBucketStar()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::acme/k.txt"));

        var list = Assert.Single(fix.Statements, s => s.Statement.Actions.Contains("s3:ListBucket"));
        Assert.Equal(["arn:aws:s3:::acme"], list.Statement.Resources);
        Assert.Contains(fix.Notes, n => n.Contains("404", StringComparison.Ordinal) && n.Contains("Companion", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfigurationTimeReceiveMessageGetsTheTriggerSetOnThatQueueOnly()
    {
        const string queue = "arn:aws:sqs:eu-west-1:123456789012:orders";
        var fix = FixBuilder.Build(SomeFixRequest.For("sqs:ReceiveMessage", queue) with { IsConfigurationTime = true });

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], statement.Actions);
        Assert.Equal([queue], statement.Resources);
    }

    [Fact]
    public void RunTimeReceiveMessageGetsOnlyThatAction()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:123456789012:orders"));

        Assert.Equal(["sqs:ReceiveMessage"], Assert.Single(fix.Statements).Statement.Actions);
    }

    [Fact]
    public void LogsActionsAreScopedToTheFunctionsLogGroup()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("logs:PutLogEvents", null));

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(["logs:PutLogEvents", "logs:CreateLogGroup", "logs:CreateLogStream"], statement.Actions);
        Assert.Equal(["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/invoice-reader:*"], statement.Resources);
    }

    [Fact]
    public void DynamoDbStreamReadsAreOnTheStreamAndListStreamsOnStar()
    {
        const string stream = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000";
        var fix = FixBuilder.Build(SomeFixRequest.For("dynamodb:GetRecords", stream) with { IsConfigurationTime = true });

        Assert.Equal([stream], fix.Statements[0].Statement.Resources);
        Assert.Equal(["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream"], fix.Statements[0].Statement.Actions);
        Assert.Equal(["dynamodb:ListStreams"], fix.Statements[1].Statement.Actions);
        Assert.Equal(["*"], fix.Statements[1].Statement.Resources);
    }

    [Fact]
    public void SamUsesS3StatementNotTheBroaderS3ReadPolicy()
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("s3:GetObject", "arn:aws:s3:::acme/k.txt"));

        Assert.DoesNotContain("S3ReadPolicy", fix.Snippets["sam"], StringComparison.Ordinal);
        Assert.Contains("- Statement:", fix.Snippets["sam"], StringComparison.Ordinal);
    }

    [Fact]
    public void SamUsesKmsDecryptPolicyOnlyForAKeyInTheFunctionsAccountAndRegion()
    {
        var local = FixBuilder.Build(SomeFixRequest.For("kms:Decrypt", "arn:aws:kms:eu-west-1:123456789012:key/k1"));
        var foreign = FixBuilder.Build(SomeFixRequest.For("kms:Decrypt", "arn:aws:kms:eu-west-1:999999999999:key/k1"));

        Assert.Contains("KMSDecryptPolicy", local.Snippets["sam"], StringComparison.Ordinal);
        Assert.DoesNotContain("KMSDecryptPolicy", foreign.Snippets["sam"], StringComparison.Ordinal);
        Assert.Contains(foreign.Notes, n => n.Contains("another account", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DenialLayer.ResourcePolicy, "bucket-policy", "get-bucket-policy")]
    [InlineData(DenialLayer.VpcEndpointPolicy, "vpc-endpoint-policy", "describe-vpc-endpoints")]
    public void WholeDocumentPoliciesAreFetchedNeverOverwritten(DenialLayer layer, string document, string fetch)
    {
        var fix = FixBuilder.Build(SomeFixRequest.For("s3:PutObject", "arn:aws:s3:::partner/k.txt", layer));

        Assert.Equal(FixTarget.ResourcePolicy, fix.Target);
        Assert.Equal(document, Assert.Single(fix.Statements).Document);
        Assert.Equal(("AWS", SomeFixRequest.RoleArn), fix.Statements[0].Statement.Principal);
        var command = Assert.Single(fix.Commands);
        Assert.Contains(fetch, command, StringComparison.Ordinal);
        Assert.DoesNotContain(fix.Commands, c => c.Contains("put-bucket-policy", StringComparison.Ordinal) || c.Contains("modify-vpc-endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAccountCallerGetsAnAccountPrincipalWithoutSourceConditions()
    {
        var request = SomeFixRequest.Golden["lambda-invoke-by-s3-function-policy"] with { CallerPrincipal = "210987654321", SourceArn = null };
        var fix = FixBuilder.Build(request);

        var statement = Assert.Single(fix.Statements).Statement;
        Assert.Equal(("AWS", "arn:aws:iam::210987654321:root"), statement.Principal);
        Assert.Empty(statement.Conditions);
        Assert.Contains("--principal 210987654321", fix.Commands.Single(), StringComparison.Ordinal);
    }
}
