using System.Text.Json;
using Template.Tests.Support;

namespace Template.Tests.Security;

/// <summary>Queue, topic, key, bucket and bus policies let in only the callers each one is for.</summary>
public sealed class ResourcePolicyTests
{
    // Condition keys that tie a grant to a source in this account, stack or organization. The two
    // encryption-context keys are how CloudWatch Logs and CloudTrail name the calling log group or trail.
    private static readonly HashSet<string> ScopingKeys = new(StringComparer.Ordinal)
    {
        "aws:SourceArn", "aws:SourceAccount", "aws:PrincipalOrgID",
        "kms:EncryptionContext:aws:logs:arn", "kms:EncryptionContext:aws:cloudtrail:arn",
    };

    // Operators that require the key to be present and match; ...IfExists, Not... and Null would let a
    // request without the key (or with another value) through.
    private static readonly HashSet<string> ScopingOperators = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringLike", "ArnEquals", "ArnLike",
    };

    public static TheoryData<string> AllTemplates() => new(TemplateFiles.All());

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task EveryAllowIsForThisAccountOrScopedToASource(string template)
    {
        var t = await Templates.LoadAsync(template);

        // Every queue, topic, bucket, key and bus policy, named or not. Principals are read through lists,
        // Fn::If, Sub and Join, so another account's root or a !Sub service principal is seen for what it is.
        foreach (var (owner, s) in t.ResourcePolicyStatements().Where(x => x.Statement.IsAllow))
        {
            var where = $"{owner.Id}/{s.Sid}";
            Assert.True(s.Negations.Count == 0, $"{where}: Allow with {string.Join(", ", s.Negations)}");
            Assert.True(s.Principals.Count > 0, $"{where}: no principal");
            var unreadable = s.Principals.Where(p => p.Text is null).ToList();
            Assert.True(unreadable.Count == 0, $"{where}: principal the tests cannot read: {s.Principal}");
            if (s.Principals.All(p => p.Kind == "AWS" && IsThisAccount(t, p.Text!)))
            {
                continue;
            }

            var principals = string.Join(", ", s.Principals.Select(p => $"{p.Kind}:{p.Text}"));
            Assert.True(
                s.ConditionEntries().Any(c => ScopingOperators.Contains(c.Operator) && ScopingKeys.Contains(c.Key) && ScopesToThisAccount(t, c.Key, c.Value)),
                $"{where} allows {principals} without a condition scoping it to this account, stack or organization ({string.Join(", ", ScopingKeys)})");
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task EventBusPoliciesUseTheStatementForm(string template)
    {
        var t = await Templates.LoadAsync(template);

        // The older Principal/Action/Condition properties are not a policy statement; the check above reads only Statement.
        Assert.All(t.OfType("AWS::Events::EventBusPolicy"), r => Assert.True(r.Property("Statement") is not null, $"{r.Id} has no Statement"));
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task EveryResourcePolicyIsRead(string template)
    {
        var t = await Templates.LoadAsync(template);

        // A policy on a resource type the tests do not read would escape the check above.
        string[] policyProperties = ["PolicyDocument", "KeyPolicy", "Policy", "PolicyText", "RepositoryPolicyText"];
        foreach (var r in t.Resources.Where(r => !CfnTemplate.IamPolicyHolders.ContainsKey(r.Type)
                                                 && !CfnTemplate.ResourcePolicyProperty.ContainsKey(r.Type)
                                                 && r.Type != "AWS::Events::EventBusPolicy"))
        {
            Assert.All(policyProperties, p => Assert.True(r.Property(p) is null, $"{r.Id} ({r.Type}) has a {p} the tests do not read"));
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

    /// <summary>An AWS principal of this account: the account itself, an ARN in it, or a role or user of this template.</summary>
    private static bool IsThisAccount(CfnTemplate t, string principal) =>
        principal == "${AWS::AccountId}"
        || principal.StartsWith("arn:${AWS::Partition}:iam::${AWS::AccountId}:", StringComparison.Ordinal)
        || principal.StartsWith("arn:aws:iam::${AWS::AccountId}:", StringComparison.Ordinal)
        || (principal.StartsWith("${", StringComparison.Ordinal) && principal.EndsWith(".Arn}", StringComparison.Ordinal)
            && t.Resources.Any(r => r.Id == principal[2..^5] && r.Type is "AWS::IAM::Role" or "AWS::IAM::User"));

    /// <summary>Every value of the condition names this account, a resource of this template, or (PrincipalOrgID) one organization.</summary>
    private static bool ScopesToThisAccount(CfnTemplate t, string key, JsonElement value)
    {
        var texts = Intrinsics.Items(value).Select(Intrinsics.Render).ToList();
        return texts.Count > 0 && texts.All(text => text is not null && key switch
        {
            "aws:SourceAccount" => text == "${AWS::AccountId}",
            "aws:PrincipalOrgID" => !text.Contains('*', StringComparison.Ordinal),
            _ => text.Contains(":${AWS::AccountId}:", StringComparison.Ordinal) || IsResourceOfThisTemplate(t, text),
        });
    }

    private static bool IsResourceOfThisTemplate(CfnTemplate t, string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1
        && t.Resources.Any(r => r.Id == text[2..^1].Split('.')[0]);

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
