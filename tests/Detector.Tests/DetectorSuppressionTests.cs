using Denied.Detector;
using Denied.Findings;
using Denied.TestSupport;
using Detector.Tests.Support;

namespace Detector.Tests;

/// <summary>A rule stored in the table silences matching denials before they become findings; the rest of the batch is written.</summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class DetectorSuppressionTests(MotoServer moto)
{
    [Fact]
    public async Task AStoredRuleSilencesItsDenialsAndCountsThemUnderSuppressed()
    {
        using var stack = await DetectorStack.CreateAsync(moto);
        await stack.Store.PutSuppressionAsync(new SuppressionRule("orders-reads", "orders-api probes objects that may not exist")
        {
            FunctionPattern = "orders-api",
            ActionPattern = "s3:Get*",
        });
        var (handler, output) = await stack.ComposeAsync();
        var messages = SqsBatch.Messages(SampleRecords.WithErrors);

        var response = await handler(SqsBatch.Event(messages), SqsBatch.Invocation(stack.Clock), CancellationToken.None);

        Assert.Empty(SqsBatch.Failures(response));
        var findings = await stack.FindingsAsync();
        Assert.NotEmpty(findings);
        Assert.DoesNotContain(findings, f => f.Key.Action == "s3:GetObject" && f.FunctionNames.Contains("orders-api"));
        Assert.Contains(findings, f => f.FunctionNames.Contains("orders-api"));
        Assert.True(DetectorStack.Metric(output, Metric.Suppressed) > 0);
        Assert.Contains("suppressed by rule orders-reads", output.ToString(), StringComparison.Ordinal);
    }
}
