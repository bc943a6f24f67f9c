using Denied.Core.Tests.Fixtures;
using Denied.Core.Tests.Principals;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Remediation;

namespace Denied.Core.Tests.Diagnostics;

/// <summary>
/// Lambda's configuration-time rejections: the caller deploys, the role Lambda checked is the function's execution role,
/// which only the request or the inventory names; the message names no policy type. And Lambda's trust-policy
/// rejection, and the two records of one VPC incident.
/// </summary>
public sealed class ConfigurationTimeTests
{
    private const string Deployer = "github-actions-deploy";

    private static Diagnosis Diagnose(string fixture, bool withInventory = false) =>
        new Diagnoser(IamCatalog.Default, withInventory ? Inventories.Fixture() : null).Diagnose(Fixture.Record(fixture));

    // fixture, function, role the record or the inventory names (null: neither)
    [Theory]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", "orders-consumer", null)]
    [InlineData("kinesis-create-event-source-mapping-cannot-access-stream.json", "orders-fn", null)]
    [InlineData("lambda-update-function-configuration-vpc-role-lacks-eni.json", "orders-api", null)]
    [InlineData("lambda-create-function-vpc-role-lacks-eni.json", "ledger-sync", "arn:aws:iam::111122223333:role/service-role/ledger-sync-role")]
    public void TheFixNeverNamesTheCallersRole(string fixture, string function, string? role)
    {
        var diagnosis = Diagnose(fixture);

        Assert.Equal(function, diagnosis.Function!.Name);
        Assert.Equal(role, diagnosis.Function.RoleArn);
        var caller = diagnosis.Principal.RoleArn!;
        var callerName = caller[(caller.LastIndexOf('/') + 1)..];
        Assert.All(Remediation.Diagnose.Texts(diagnosis.Fix!).Concat(diagnosis.Fix!.Notes), t => Assert.DoesNotContain(callerName, t, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", "orders-consumer")]
    [InlineData("kinesis-create-event-source-mapping-cannot-access-stream.json", "orders-fn")]
    public void WithoutTheRole_TheCommandHasAPlaceholderAndTheNotesTheLookup(string fixture, string function)
    {
        var fix = Diagnose(fixture).Fix!;

        Assert.Contains(fix.Commands, c => c.StartsWith("aws iam put-role-policy --role-name ROLE_NAME ", StringComparison.Ordinal));
        Assert.Contains(fix.Notes, n => n.Contains("aws lambda get-function-configuration --function-name " + function + " --query Role", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInventoryThatListsTheFunction_NamesItsRole()
    {
        var diagnosis = Diagnose("lambda-update-function-configuration-vpc-role-lacks-eni.json", withInventory: true);

        Assert.Equal("arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP", diagnosis.Function!.RoleArn);
        Assert.Contains(diagnosis.Fix!.Commands, c => c.Contains("--role-name orders-api-role-8KQ2ZP", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnosis.Fix.Commands, c => c.Contains(Deployer, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lambda-create-event-source-mapping-role-lacks-receive.json", "sqs:ReceiveMessage")]
    [InlineData("kinesis-create-event-source-mapping-cannot-access-stream.json", "kinesis:GetRecords")]
    [InlineData("lambda-create-function-vpc-role-lacks-eni.json", "ec2:CreateNetworkInterface")]
    [InlineData("lambda-update-function-configuration-vpc-role-lacks-eni.json", "ec2:CreateNetworkInterface")]
    public void ConfigurationTimeRejections_NameNoLayer_ButProposeTheRoleStatementAsMostLikely(string fixture, string action)
    {
        var diagnosis = Diagnose(fixture);

        Assert.Equal(action, diagnosis.Action);
        Assert.Equal(DenialLayer.Unknown, diagnosis.Layer);
        Assert.Null(diagnosis.ExplicitDeny);
        Assert.Equal("configuration-time", diagnosis.Evidence["layer"]);
        Assert.Equal(FixTarget.ExecutionRole, diagnosis.Fix!.Target);
        Assert.Contains(diagnosis.Fix.Statements, s => s.Document == "execution-role" && s.Statement.Actions.Contains(action));
        var note = diagnosis.Fix.Notes[0];
        Assert.StartsWith("Most likely fix:", note, StringComparison.Ordinal);
        Assert.Contains("permissions boundary", note, StringComparison.Ordinal);
        Assert.Contains("SCPs", note, StringComparison.Ordinal);
    }

    [Fact]
    public void KinesisMappingSet_StaysCompleteWithAnUnknownLayer()
    {
        var actions = Diagnose("kinesis-create-event-source-mapping-cannot-access-stream.json").Fix!.Statements.SelectMany(s => s.Statement.Actions).ToHashSet();

        Assert.Superset(new HashSet<string> { "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:ListStreams" }, actions);
    }

    [Fact]
    public void DynamoDbStreamMappingSet_StaysCompleteWithAnUnknownLayer()
    {
        var record = Fixture.Record("kinesis-create-event-source-mapping-cannot-access-stream.json", r =>
        {
            r["errorMessage"] = "Cannot access stream arn:aws:dynamodb:us-east-1:111122223333:table/Orders/stream/2026-01-01T00:00:00.000. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.";
            r["requestParameters"]!["eventSourceArn"] = "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/stream/2026-01-01T00:00:00.000";
        });

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal(DenialLayer.Unknown, diagnosis.Layer);
        Assert.Superset(new HashSet<string> { "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream", "dynamodb:ListStreams" },
            diagnosis.Fix!.Statements.SelectMany(s => s.Statement.Actions).ToHashSet());
    }

    [Fact]
    public void TrustPolicyRejection_IsADenialOfAssumeRoleFixedInTheTrustPolicy()
    {
        var diagnosis = Diagnose("lambda-create-function-trust-policy-rejection.json");

        Assert.True(diagnosis.Denied);
        Assert.Equal("sts:AssumeRole", diagnosis.Action);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/ledger-sync-role", diagnosis.Resource);
        Assert.Equal(new FunctionRef("ledger-sync", "arn:aws:iam::111122223333:role/service-role/ledger-sync-role"), diagnosis.Function);
        Assert.Equal(DenialLayer.ResourcePolicy, diagnosis.Layer);
        Assert.Equal("lambda-trust-policy-rejection", diagnosis.Evidence["denied"]);
        Assert.Equal("lambda-trust-policy", diagnosis.Evidence["layer"]);
        var fix = diagnosis.Fix!;
        Assert.Equal(FixTarget.ResourcePolicy, fix.Target);
        var statement = Assert.Single(fix.Statements);
        Assert.Equal("trust-policy", statement.Document);
        Assert.Equal(("Service", "lambda.amazonaws.com"), statement.Statement.Principal);
        Assert.Equal(["sts:AssumeRole"], statement.Statement.Actions);
        Assert.Empty(statement.Statement.Resources);
        Assert.Contains(fix.Commands, c => c.StartsWith("aws iam get-role --role-name ledger-sync-role", StringComparison.Ordinal));
        Assert.Contains(fix.Commands, c => c.StartsWith("aws iam update-assume-role-policy --role-name ledger-sync-role", StringComparison.Ordinal));
        Assert.Contains(fix.Notes, n => n.Contains("path", StringComparison.Ordinal) && n.Contains("role ARN", StringComparison.Ordinal));
        Assert.DoesNotContain(Remediation.Diagnose.Texts(fix), t => t.Contains(Deployer, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UpdateFunctionConfiguration20150331v2")]
    [InlineData("CreateFunction20150331")]
    public void TrustPolicyRejection_OnEitherCall(string eventName)
    {
        var record = Fixture.Record("lambda-create-function-trust-policy-rejection.json", r => r["eventName"] = eventName);

        Assert.Equal("sts:AssumeRole", new Diagnoser(IamCatalog.Default).Diagnose(record).Action);
    }

    [Fact]
    public void TrustPolicyRejectionWithoutARoleInTheRequest_SuggestsNoStatement()
    {
        var record = Fixture.Record("lambda-create-function-trust-policy-rejection.json", r => r["requestParameters"] = null);

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Null(diagnosis.Resource);
        Assert.Empty(diagnosis.Fix!.Statements);
    }

    [Fact]
    public void OneVpcIncident_BothRecordsReportTheSameActionAndResource()
    {
        var rejection = Diagnose("lambda-create-function-vpc-role-lacks-eni.json");
        var call = Diagnose("ec2-createnetworkinterface-lambda-service-session.json");

        Assert.Equal(rejection.Action, call.Action);
        Assert.Null(rejection.Resource);
        Assert.Null(call.Resource);
        Assert.Equal("ledger-sync", rejection.Function!.Name);
        Assert.Equal(rejection.Function.RoleArn, call.Function!.RoleArn);
        foreach (var fix in new[] { rejection.Fix!, call.Fix! })
        {
            var statement = Assert.Single(fix.Statements).Statement;
            Assert.Equal(["*"], statement.Resources);
            Assert.Contains("ec2:CreateNetworkInterface", statement.Actions);
        }
    }
}
