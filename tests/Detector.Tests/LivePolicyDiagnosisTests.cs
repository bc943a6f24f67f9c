using System.Text.Json.Nodes;
using Denied.Detector;
using Denied.Detector.LivePolicies;
using Denied.Diagnostics;
using Denied.LambdaRuntime;
using Denied.LambdaRuntime.Observability;
using Denied.LambdaRuntime.Settings;
using Denied.Policies;
using Denied.Store;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>
/// READ_POLICIES against moto: a finding is evaluated against its role's live inline policy (a near-miss Allow) and
/// its bucket's policy, read with the Detector's credentials; a refused read leaves the text diagnosis with a note
/// and the batch succeeds; a storm on one finding reads each policy once per cache period; off, nothing is read.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class LivePolicyDiagnosisTests(MotoServer moto)
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/orders-api-role";
    private static readonly TimeSpan CachePeriod = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task ReadPoliciesOn_TheStoredFindingIsEvaluatedAgainstTheLivePolicies_AndNamesTheNearMissStatement()
    {
        using var stack = await CreateAsync();
        var env = stack.Environment();
        env["READ_POLICIES"] = "true";
        var output = new StringWriter();
        var handler = await DetectorComposition.InitAsync(DetectorSettings.Read(new SettingsReader(env)), output, stack.Clock, CancellationToken.None);

        var response = await handler(Batch(0, 3), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        var diagnosis = Assert.Single(await stack.FindingsAsync()).Diagnosis;
        var evaluation = Assert.IsType<PolicyEvaluation>(diagnosis.Evaluation);
        Assert.Equal(PolicyEvaluation.LiveSource, evaluation.Source);
        Assert.Equal(PolicyDecision.ImplicitDeny, evaluation.Result.Decision);
        Assert.Equal(DenialLayer.IdentityPolicy, evaluation.Result.Layer);
        var nearMiss = Assert.Single(evaluation.Result.Statements);
        Assert.Equal(("read-reports", "ReadReports", PolicyEffect.Allow, false), (nearMiss.Reference.Source.PolicyName, nearMiss.Reference.Sid, nearMiss.Effect, nearMiss.Decisive));
        Assert.Equal(["resource"], nearMiss.Mismatch);
        // The bucket was read and has no policy: the resource layer is seen; SCPs and RCPs are never read.
        Assert.DoesNotContain(DenialLayer.ResourcePolicy, evaluation.Result.Unseen);
        Assert.Contains(DenialLayer.ServiceControlPolicy, evaluation.Result.Unseen);
        Assert.Contains(diagnosis.Notes, n => n.Contains("ReadReports", StringComparison.Ordinal));
        Assert.Equal(1, DetectorStack.Metric(output, Metric.FindingsEvaluated));
    }

    [Fact]
    public async Task ReadPoliciesOff_NothingIsReadAndTheDiagnosisIsTheRecordsText()
    {
        using var stack = await CreateAsync();
        var (handler, output) = await stack.ComposeAsync();

        var response = await handler(Batch(0, 3), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        Assert.Null(Assert.Single(await stack.FindingsAsync()).Diagnosis.Evaluation);
        Assert.Equal(0, DetectorStack.Metric(output, Metric.PolicyLookups) + DetectorStack.Metric(output, Metric.PolicyCacheHits));
    }

    [Theory]
    [InlineData("query:GetRole")]
    [InlineData("query:ListRolePolicies")]
    [InlineData("query:GetRolePolicy")]
    public async Task ARefusedRoleRead_LeavesTheTextDiagnosisWithANote_AndTheBatchSucceeds(string refused)
    {
        using var stack = await CreateAsync();
        using var reads = new MotoPolicyReads(moto, op => op == refused);
        var (handler, output) = Build(stack, reads.Reader);

        var response = await handler.HandleAsync(Batch(0, 3), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        var finding = Assert.Single(await stack.FindingsAsync());
        Assert.Equal(3, finding.Count);
        Assert.Null(finding.Diagnosis.Evaluation);
        Assert.Equal(DenialLayer.IdentityPolicy, finding.Diagnosis.Layer);
        Assert.Contains(finding.Diagnosis.Notes, n => n.StartsWith("Live policy read iam:" + refused["query:".Length..], StringComparison.Ordinal)
            && n.Contains("was refused to the Detector's role: AccessDenied", StringComparison.Ordinal));
        Assert.Contains(LiveReadNotes.IdentityUnseen, finding.Diagnosis.Notes);
        Assert.NotNull(finding.Diagnosis.Fix);
        Assert.True(DetectorStack.Metric(output, Metric.PolicyReadFailures) >= 1);
        Assert.Empty(await stack.DrainAsync(stack.DeadLetterQueueUrl));
    }

    [Fact]
    public async Task ARefusedBucketPolicyRead_IsAnUnseenLayerOfTheEvaluation_WithANote()
    {
        using var stack = await CreateAsync();
        using var reads = new MotoPolicyReads(moto, op => op.StartsWith("rest:GET /acme-orders-prod", StringComparison.Ordinal));
        var (handler, _) = Build(stack, reads.Reader);

        var response = await handler.HandleAsync(Batch(0, 1), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        var diagnosis = Assert.Single(await stack.FindingsAsync()).Diagnosis;
        Assert.Contains(DenialLayer.ResourcePolicy, diagnosis.Evaluation!.Result.Unseen);
        Assert.Contains(diagnosis.Notes, n => n.StartsWith("Live policy read s3:GetBucketPolicy on arn:aws:s3:::acme-orders-prod was refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStormOfOneFindingOverSeveralBatches_ReadsEachPolicyOncePerCachePeriod()
    {
        using var stack = await CreateAsync();
        using var reads = new MotoPolicyReads(moto);
        var (handler, output) = Build(stack, reads.Reader);

        // 100 denials in 5 batches of 20, a minute apart: one cache period.
        for (var b = 0; b < 5; b++)
        {
            Assert.Empty(SqsBatch.Failures(await handler.HandleAsync(Batch(b * 20, 20), SqsBatch.Invocation(stack.Clock), CancellationToken.None)));
            stack.Clock.Now += TimeSpan.FromMinutes(1);
        }

        var firstPeriod = reads.Requests.Counts;
        Assert.Equal(
            new[] { "query:GetRole", "query:ListAttachedRolePolicies", "query:ListRolePolicies", "query:GetRolePolicy", "rest:GET /acme-orders-prod/?policy" }.Order(StringComparer.Ordinal),
            firstPeriod.Keys.Order(StringComparer.Ordinal));
        Assert.All(firstPeriod.Values, n => Assert.Equal(1, n));

        // The next period reads each once more, for all of its batches.
        stack.Clock.Now += CachePeriod;
        for (var b = 5; b < 7; b++)
        {
            Assert.Empty(SqsBatch.Failures(await handler.HandleAsync(Batch(b * 20, 20), SqsBatch.Invocation(stack.Clock), CancellationToken.None)));
        }

        Assert.All(reads.Requests.Counts.Values, n => Assert.Equal(2, n));
        Assert.Equal(140, Assert.Single(await stack.FindingsAsync()).Count);
        Assert.Equal(7, DetectorStack.Metric(output, Metric.FindingsEvaluated));
        Assert.Equal(4, DetectorStack.Metric(output, Metric.PolicyLookups));
    }

    [Fact]
    public async Task ABatchOfManyRoles_ReadsAtMostTheBound_AndTheRestKeepTheTextDiagnosisWithANote()
    {
        using var stack = await CreateAsync();
        using var reads = new MotoPolicyReads(moto);
        var (handler, output) = Build(stack, reads.Reader, lookupsPerBatch: 3);
        // Five functions' roles, none cached and none in the account: each finding's role read fails, one lookup each.
        var messages = Enumerable.Range(0, 5).Select(i => Message(i, $"orders-api-{i}-role")).ToList();

        var response = await handler.HandleAsync(SqsBatch.Event(messages), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        Assert.Equal(3, DetectorStack.Metric(output, Metric.PolicyLookups));
        var findings = await stack.FindingsAsync();
        Assert.Equal(5, findings.Count);
        Assert.Equal(2, findings.Count(f => f.Diagnosis.Notes.Contains(LiveReadNotes.OverBound(3))));
        Assert.Equal(3, findings.Count(f => f.Diagnosis.Notes.Contains(LiveReadNotes.IdentityUnseen)));
        Assert.Equal(3, reads.Requests.Counts["query:GetRole"]);
    }

    private async Task<DetectorStack> CreateAsync()
    {
        var stack = await DetectorStack.CreateAsync(moto);
        await MotoPython.RunAsync(moto, """
            iam = boto3.client("iam", **kw)
            trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
            iam.create_role(RoleName="orders-api-role", AssumeRolePolicyDocument=trust)
            iam.put_role_policy(RoleName="orders-api-role", PolicyName="read-reports", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-orders-prod/reports/*"}]}))
            boto3.client("s3", **kw).create_bucket(Bucket="acme-orders-prod")
            """);
        return stack;
    }

    private static (DetectorHandler Handler, StringWriter Output) Build(DetectorStack stack, LivePolicyReader reader, int lookupsPerBatch = 10)
    {
        var output = new StringWriter();
        var store = new FindingStore(stack.Dynamo, DetectorStack.Table, stack.Clock, DetectorStack.MotoOptions);
        var log = new JsonLog(output, "denied-detector");
        var metrics = new EmfMetrics(output, "Denied", "denied-detector", stack.Clock);
        var live = new LivePolicyDiagnosis(reader, CachePeriod, lookupsPerBatch, stack.Clock, log, metrics);
        return (DetectorComposition.Handler(store, null, null, TimeSpan.FromMinutes(1), log, metrics, stack.Clock, live), output);
    }

    /// <summary>Denials of s3:GetObject by orders-api (a sample record moved to moto's account), events first..first+count-1.</summary>
    private static byte[] Batch(int first, int count) =>
        SqsBatch.Event(Enumerable.Range(first, count).Select(i => Message(i, "orders-api-role")));

    private static (string, string) Message(int i, string roleName)
    {
        var text = SampleRecords.ById("8a119b9e-16bc-4732-8f7b-7676d015b0dc").ToJsonString()
            .Replace("111122223333", "123456789012", StringComparison.Ordinal)
            .Replace("orders-api-role", roleName, StringComparison.Ordinal);
        var record = JsonNode.Parse(text)!.AsObject();
        record["eventID"] = $"live-{roleName}-{i:D4}";
        record["eventTime"] = $"2026-11-20T10:{i / 60:D2}:{i % 60:D2}Z";
        return ($"msg-{roleName}-{i:D4}", SampleRecords.Envelope(record));
    }
}
