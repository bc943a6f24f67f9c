using Template.Tests.Support;

namespace Template.Tests.Reliability;

/// <summary>Every asynchronous hop has a dead-letter queue or an on-failure destination: nothing is dropped silently.</summary>
public sealed class DeadLetterTests
{
    [Theory]
    [InlineData(TemplateFiles.Main)]
    [InlineData(TemplateFiles.MemberForwarder)]
    public async Task EveryRuleTargetHasRetriesAndADeadLetterQueue(string template)
    {
        var t = await Templates.LoadAsync(template);
        var queues = t.OfType("AWS::SQS::Queue").Select(q => q.Id).ToList();

        var targets = t.OfType("AWS::Events::Rule").SelectMany(r => r.Required("Targets").EnumerateArray().Select(x => (Rule: r.Id, Target: x))).ToList();

        Assert.NotEmpty(targets);
        Assert.All(targets, x =>
        {
            Assert.True(x.Target.TryGetProperty("RetryPolicy", out _), $"{x.Rule}: no RetryPolicy");
            var dlq = x.Target.GetProperty("DeadLetterConfig").GetProperty("Arn");
            Assert.True(queues.Any(q => Intrinsics.IsGetAtt(dlq, q, "Arn")), $"{x.Rule}: dead-letter queue is not a queue of this stack");
        });
    }

    [Fact]
    public async Task BufferQueueMovesAMessageToItsDeadLetterQueueAfterFiveReceives()
    {
        var t = await Templates.MainAsync();

        var redrive = t.Resource("BufferQueue").Required("RedrivePolicy");

        Assert.True(Intrinsics.IsGetAtt(redrive.GetProperty("deadLetterTargetArn"), "BufferDeadLetterQueue", "Arn"));
        Assert.Equal(5, Json.Number(redrive.GetProperty("maxReceiveCount")));
    }

    [Fact]
    public async Task BufferQueueVisibilityTimeoutCoversSixDetectorTimeoutsPlusTheLongestBatchingWindow()
    {
        var t = await Templates.MainAsync();

        var visibility = Json.Number(t.Resource("BufferQueue").Required("VisibilityTimeout"));
        var timeout = Json.Number(t.Resource("DetectorFunction").Required("Timeout"));
        var window = Json.Number(t.ParameterDefault("DetectorBatchingWindowSeconds"));

        Assert.True(visibility >= (6 * timeout) + window, $"visibility {visibility} < 6 x {timeout} + {window}");
    }

    [Fact]
    public async Task EveryEventSourceMappingHasAFailurePath()
    {
        var t = await Templates.MainAsync();

        var mappings = t.OfType("AWS::Lambda::EventSourceMapping").ToList();

        Assert.Equal(2, mappings.Count);
        Assert.All(mappings, m =>
        {
            var source = m.Required("EventSourceArn");
            if (Intrinsics.IsGetAtt(source, "BufferQueue", "Arn"))
            {
                // SQS sources dead-letter through the queue's own redrive policy.
                Assert.NotNull(t.Resource("BufferQueue").Property("RedrivePolicy"));
            }
            else
            {
                Assert.True(Intrinsics.IsGetAtt(source, "FindingsTable", "StreamArn"), m.Id);
                var destination = m.Required("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination");
                Assert.True(Intrinsics.IsGetAtt(destination, "NotifierFailureQueue", "Arn"));
            }
        });
    }

    [Fact]
    public async Task StreamMappingRetriesAFailingRecordBrieflyThenGivesItUp()
    {
        var t = await Templates.MainAsync();

        var mapping = t.Resource("NotifierFunctionFindings");

        Assert.True(mapping.Required("BisectBatchOnFunctionError").GetBoolean());
        Assert.Equal(5, Json.Number(mapping.Required("MaximumRetryAttempts")));
        Assert.Equal(3600, Json.Number(mapping.Required("MaximumRecordAgeInSeconds")));
    }

    [Theory]
    [InlineData("BufferDeadLetterQueue")]
    [InlineData("RuleDeadLetterQueue")]
    [InlineData("NotifierFailureQueue")]
    public async Task AnAlarmFiresWhenTheDeadLetterQueueHoldsAMessage(string queue)
    {
        var t = await Templates.MainAsync();

        var alarm = Assert.Single(t.OfType("AWS::CloudWatch::Alarm"), a =>
            a.Required("Dimensions").EnumerateArray().Any(d => Intrinsics.IsGetAtt(d.GetProperty("Value"), queue, "QueueName")));

        Assert.Equal("ApproximateNumberOfMessagesVisible", alarm.Required("MetricName").GetString());
        AssertFiresAboveZero(alarm);
    }

    [Theory]
    [InlineData("DetectorFunction")]
    [InlineData("NotifierFunction")]
    public async Task AnAlarmFiresWhenTheFunctionErrors(string function)
    {
        var t = await Templates.MainAsync();

        var alarm = Assert.Single(t.OfType("AWS::CloudWatch::Alarm"), a =>
            a.Required("Dimensions").EnumerateArray().Any(d => Intrinsics.IsRef(d.GetProperty("Value"), function)));

        Assert.Equal("AWS/Lambda", alarm.Required("Namespace").GetString());
        Assert.Equal("Errors", alarm.Required("MetricName").GetString());
        AssertFiresAboveZero(alarm);
    }

    [Fact]
    public async Task AlarmsNotifyTheTopicAndAreNamedSoItsPoliciesAdmitThem()
    {
        var t = await Templates.MainAsync();

        Assert.All(t.OfType("AWS::CloudWatch::Alarm"), a =>
        {
            // The topic and key policies admit alarm:${AWS::StackName}-* only.
            Assert.StartsWith("${AWS::StackName}-", Intrinsics.SubTemplate(a.Required("AlarmName")), StringComparison.Ordinal);
            var actions = a.Required("AlarmActions").GetProperty("Fn::If");
            Assert.Equal("AlarmsToTopic", actions[0].GetString());
            Assert.True(Intrinsics.IsRef(actions[1][0], "NotificationTopic"));
        });
    }

    private static void AssertFiresAboveZero(CfnResource alarm)
    {
        Assert.Equal(0, Json.Number(alarm.Required("Threshold")));
        Assert.Equal("GreaterThanThreshold", alarm.Required("ComparisonOperator").GetString());
        Assert.Equal("notBreaching", alarm.Required("TreatMissingData").GetString());
    }
}
