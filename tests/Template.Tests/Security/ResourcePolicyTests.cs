using System.Text.Json;
using Template.Tests.Support;

namespace Template.Tests.Security;

/// <summary>Queue, topic, key, bucket and bus policies let in only the callers each one is for.</summary>
public sealed class ResourcePolicyTests
{
    // Condition keys that tie a grant to a source: a caller account/ARN/organization, or a service path.
    private static readonly string[] ScopingKeys =
    [
        "aws:SourceArn", "aws:SourceAccount", "aws:PrincipalOrgID", "kms:ViaService",
        "kms:EncryptionContext:aws:logs:arn", "kms:EncryptionContext:aws:cloudtrail:arn",
    ];

    public static TheoryData<string> AllTemplates() => new(TemplateFiles.All());

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task NoPolicyAllowsEveryoneWithoutAScopingCondition(string template)
    {
        var t = await Templates.LoadAsync(template);

        foreach (var (owner, s) in t.ResourcePolicyStatements().Where(x => x.Statement.IsAllow && x.Statement.PrincipalIsEveryone))
        {
            Assert.True(ScopingKeys.Any(k => s.ConditionValue(k) is not null), $"{owner.Id}/{s.Sid} allows \"*\" without a scoping condition");
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task ServicePrincipalsAreAllowedOnlyForTheirSource(string template)
    {
        var t = await Templates.LoadAsync(template);

        foreach (var (owner, s) in t.ResourcePolicyStatements().Where(x => x.Statement.IsAllow && x.Statement.ServicePrincipal is not null))
        {
            Assert.True(ScopingKeys.Any(k => s.ConditionValue(k) is not null), $"{owner.Id}/{s.Sid} allows {s.ServicePrincipal} from any source");
        }
    }

    [Theory]
    [InlineData(TemplateFiles.Main, "BufferQueuePolicy")]
    [InlineData(TemplateFiles.Main, "RuleDeadLetterQueuePolicy")]
    [InlineData(TemplateFiles.MemberForwarder, "ForwarderDeadLetterQueuePolicy")]
    public async Task QueueAcceptsMessagesOnlyFromThisStacksRules(string template, string queuePolicy)
    {
        var t = await Templates.LoadAsync(template);
        var rules = t.OfType("AWS::Events::Rule").Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var allows = PolicyStatement.AllIn(t.Resource(queuePolicy).Required("PolicyDocument")).Where(s => s.IsAllow).ToList();

        Assert.NotEmpty(allows);
        Assert.All(allows, s =>
        {
            Assert.Equal("events.amazonaws.com", s.ServicePrincipal);
            Assert.Equal(["sqs:SendMessage"], s.Actions);
            var source = s.ConditionValue("aws:SourceArn");
            Assert.True(source is { } v && rules.Any(r => Intrinsics.IsGetAtt(v, r, "Arn")), $"{s.Sid}: aws:SourceArn is not a rule of this stack");
        });
    }

    [Fact]
    public async Task BufferQueueAcceptsTheDetectionRule()
    {
        var t = await Templates.MainAsync();

        var statements = PolicyStatement.AllIn(t.Resource("BufferQueuePolicy").Required("PolicyDocument"));

        Assert.Contains(statements, s => s.IsAllow && s.ConditionValue("aws:SourceArn") is { } v && Intrinsics.IsGetAtt(v, "AccessDeniedRule", "Arn"));
    }

    [Fact]
    public async Task TopicAcceptsOnlyThisAccountAndItsOwnAlarms()
    {
        var t = await Templates.MainAsync();

        var allows = PolicyStatement.AllIn(t.Resource("NotificationTopicPolicy").Required("PolicyDocument")).Where(s => s.IsAllow).ToList();

        Assert.Equal(2, allows.Count);
        var account = Assert.Single(allows, s => s.ServicePrincipal is null);
        Assert.Equal("arn:${AWS::Partition}:iam::${AWS::AccountId}:root", Intrinsics.SubTemplate(account.Principal!.Value.GetProperty("AWS")));
        var alarms = Assert.Single(allows, s => s.ServicePrincipal == "cloudwatch.amazonaws.com");
        Assert.Equal(["sns:Publish"], alarms.Actions);
        Assert.Equal(
            "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*",
            Intrinsics.SubTemplate(alarms.ConditionValue("aws:SourceArn")!.Value));
    }

    [Fact]
    public async Task CentralBusAcceptsPutEventsOnlyFromTheOrganization()
    {
        var t = await Templates.LoadAsync(TemplateFiles.OrgCentralBus);

        var (_, statement) = Assert.Single(t.ResourcePolicyStatements());

        Assert.Equal(["events:PutEvents"], statement.Actions);
        Assert.True(Intrinsics.IsRef(statement.ConditionValue("aws:PrincipalOrgID")!.Value, "OrganizationId"));
    }

    [Fact]
    public async Task TrailBucketAcceptsOnlyTheTrailOfThisTemplate()
    {
        var t = await Templates.LoadAsync(TemplateFiles.Trail);

        var allows = PolicyStatement.AllIn(t.Resource("TrailBucketPolicy").Required("PolicyDocument")).Where(s => s.IsAllow).ToList();

        Assert.Equal(2, allows.Count);
        Assert.All(allows, s =>
        {
            Assert.Equal("cloudtrail.amazonaws.com", s.ServicePrincipal);
            Assert.Equal(
                "arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/${TrailName}",
                Intrinsics.SubTemplate(s.ConditionValue("aws:SourceArn")!.Value));
        });
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task DenyStatementsOnlyRefuseInsecureTransport(string template)
    {
        var t = await Templates.LoadAsync(template);

        foreach (var (owner, s) in t.ResourcePolicyStatements().Where(x => !x.Statement.IsAllow))
        {
            var secure = s.ConditionValue("aws:SecureTransport");
            Assert.True(secure is { ValueKind: JsonValueKind.String } v && v.GetString() == "false", $"{owner.Id}/{s.Sid}");
        }
    }
}
