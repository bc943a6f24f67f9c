using System.Text.Json;
using Template.Tests.Support;

namespace Template.Tests.Security;

/// <summary>The service's own IAM roles are least privilege: named actions on named resources.</summary>
public sealed class IamRoleTests
{
    // Actions with no resource-level permissions (Service Authorization Reference): "*" is their only resource.
    private static readonly HashSet<string> ActionsWithoutResourceLevelPermissions = new(StringComparer.Ordinal)
    {
        "lambda:ListFunctions",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "dynamodb:ListStreams",
    };

    // The Detector's ReadPolicies reads: any role or resource of the account, so patterns, each checked by
    // DetectorPolicyReadsAreReadOnlyAndScopedToTheAccount instead of the stack-ARN rule.
    private static readonly HashSet<string> AccountScopedReadSids = new(StringComparer.Ordinal)
    {
        "ReadFunctionRolePolicies", "ReadManagedPolicies", "ReadBucketPolicies", "ReadResourcePolicies",
    };

    // Every template, so an IAM policy added to an infra template is read too.
    public static TheoryData<string> AllTemplates() => new(TemplateFiles.All());

    public static TheoryData<string> TemplatesWithRoles() => new(TemplateFiles.Main, TemplateFiles.MemberForwarder);

    [Theory]
    [MemberData(nameof(TemplatesWithRoles))]
    public async Task IamStatementsAreFoundInTemplatesWithRoles(string template)
    {
        var t = await Templates.LoadAsync(template);

        // Guards the collector: the assertions below over an empty list would prove nothing.
        Assert.All(t.OfType("AWS::IAM::Role").Where(r => r.Property("Policies") is not null), r =>
            Assert.Contains(t.IamPolicyStatements(), x => x.Owner.Id == r.Id));
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task EveryIamResourceWithAPolicyIsRead(string template)
    {
        var t = await Templates.LoadAsync(template);

        // A policy-bearing IAM type the collector does not know would escape every test here.
        foreach (var r in t.Resources.Where(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal)))
        {
            var hasPolicy = r.Property("Policies") is not null || r.Property("PolicyDocument") is not null;
            Assert.True(!hasPolicy || CfnTemplate.IamPolicyHolders.ContainsKey(r.Type), $"{r.Id} ({r.Type}) carries a policy the tests do not read");
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task NoIamAllowGrantsByExclusion(string template)
    {
        var t = await Templates.LoadAsync(template);

        // Allow + NotAction/NotResource grants everything but a list (the audit's C1: NotAction iam:* on "*").
        foreach (var (owner, s) in t.IamPolicyStatements().Where(x => x.Statement.IsAllow))
        {
            Assert.True(s.Negations.Count == 0, $"{owner.Id}/{s.Sid}: Allow with {string.Join(", ", s.Negations)}");
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task IamActionsAreConstants(string template)
    {
        var t = await Templates.LoadAsync(template);

        // An action from a parameter or Fn::Select could be anything; the checks below read only constants.
        foreach (var (owner, s) in t.IamPolicyStatements())
        {
            Assert.True(s.UnresolvedActions.Count == 0, $"{owner.Id}/{s.Sid}: action(s) not a constant: {string.Join(", ", s.UnresolvedActions)}");
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task NoIamStatementGrantsAWildcardAction(string template)
    {
        var t = await Templates.LoadAsync(template);

        // Every IAM type, not only role inline policies (the audit's C2: a RolePolicy with dynamodb:* on "*").
        foreach (var (owner, s) in t.IamPolicyStatements().Where(x => x.Statement.IsAllow))
        {
            Assert.All(s.Actions, a => Assert.False(a.Contains('*', StringComparison.Ordinal), $"{owner.Id}/{s.Sid}: {a}"));
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task IamUsesResourceStarOnlyForActionsWithoutResourceLevelPermissions(string template)
    {
        var t = await Templates.LoadAsync(template);

        foreach (var (owner, s) in t.IamPolicyStatements().Where(x => x.Statement.IsAllow && x.Statement.Resources.Any(IsStar)))
        {
            Assert.All(s.Actions, a => Assert.True(ActionsWithoutResourceLevelPermissions.Contains(a), $"{owner.Id}/{s.Sid}: {a} on *"));
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task IamResourcesAreArnsOfThisStackNotPatterns(string template)
    {
        var t = await Templates.LoadAsync(template);

        foreach (var (owner, s) in t.IamPolicyStatements().Where(x => x.Statement.IsAllow && !(x.Owner.Id == "DetectorRole" && AccountScopedReadSids.Contains(x.Statement.Sid ?? ""))))
        {
            foreach (var resource in s.Resources.Where(r => !IsStar(r)))
            {
                // Literal ARNs would not follow the stack; a Sub or Join may end in the suffixes that name a
                // resource's parts (a log group's streams, a table's indexes), nothing broader.
                var text = Intrinsics.Render(resource);
                Assert.True(text is not null, $"{owner.Id}/{s.Sid}: resource the tests cannot read: {resource}");
                Assert.True(text.Contains("${", StringComparison.Ordinal), $"{owner.Id}/{s.Sid}: literal resource {resource}");
                var withoutSuffix = text.EndsWith("/index/*", StringComparison.Ordinal) ? text[..^"/index/*".Length]
                    : text.EndsWith(":*", StringComparison.Ordinal) ? text[..^2]
                    : text;
                Assert.DoesNotContain("*", withoutSuffix, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public async Task RolesHaveNoManagedPolicies(string template)
    {
        var t = await Templates.LoadAsync(template);

        // AWSLambdaBasicExecutionRole and friends grant logs and pollers on "*".
        Assert.All(t.OfType("AWS::IAM::Role"), r => Assert.Null(r.Property("ManagedPolicyArns")));
    }

    [Theory]
    [InlineData("DetectorFunction", "DetectorRole")]
    [InlineData("NotifierFunction", "NotifierRole")]
    public async Task EachFunctionRunsWithItsOwnRole(string function, string role)
    {
        var t = await Templates.MainAsync();

        Assert.True(Intrinsics.IsGetAtt(t.Resource(function).Required("Role"), role, "Arn"));
    }

    [Theory]
    [InlineData("DetectorRole", "DetectorFunction", "DetectorLogGroup", "detector")]
    [InlineData("NotifierRole", "NotifierFunction", "NotifierLogGroup", "notifier")]
    public async Task RoleWritesOnlyToItsFunctionsOwnLogGroup(string role, string function, string logGroup, string suffix)
    {
        var t = await Templates.MainAsync();

        var logs = Statements(t, role).Where(s => s.Actions.Any(a => a.StartsWith("logs:", StringComparison.Ordinal))).ToList();

        var statement = Assert.Single(logs);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], statement.Actions.Order(StringComparer.Ordinal));
        var resource = Intrinsics.SubTemplate(Assert.Single(statement.Resources));
        Assert.Equal($"arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/aws/lambda/${{AWS::StackName}}-{suffix}:*", resource);
        Assert.Equal($"/aws/lambda/${{AWS::StackName}}-{suffix}", Intrinsics.SubTemplate(t.Resource(logGroup).Required("LogGroupName")));
        Assert.Equal($"${{AWS::StackName}}-{suffix}", Intrinsics.SubTemplate(t.Resource(function).Required("FunctionName")));
        Assert.True(Intrinsics.IsRef(t.Resource(function).Required("LoggingConfig").GetProperty("LogGroup"), logGroup));
    }

    [Fact]
    public async Task DetectorMayReadAndWriteFindingsButNotDeleteOrScan()
    {
        var t = await Templates.MainAsync();

        var onTable = ActionsOn(t, "DetectorRole", r => Intrinsics.IsGetAtt(r, "FindingsTable", "Arn"));
        var onIndexes = ActionsOn(t, "DetectorRole", r => Intrinsics.SubTemplate(r) == "${FindingsTable.Arn}/index/*");

        Assert.Equal(
            ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"],
            onTable);
        Assert.Equal(["dynamodb:Query"], onIndexes);
        Assert.Equal(
            ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            ActionsOn(t, "DetectorRole", r => Intrinsics.IsGetAtt(r, "BufferQueue", "Arn")));
        Assert.Equal(["sqs:SendMessage"], ActionsOn(t, "DetectorRole", r => Intrinsics.IsGetAtt(r, "BufferDeadLetterQueue", "Arn")));
    }

    [Fact]
    public async Task DetectorListsFunctionsOnlyWhenInventoryIsEnabled()
    {
        var t = await Templates.MainAsync();

        var statements = t.Resource("DetectorRole").Required("Policies")[0].GetProperty("PolicyDocument").GetProperty("Statement");
        var conditional = statements.EnumerateArray()
            .Where(s => s.TryGetProperty("Fn::If", out _))
            .Select(s => s.GetProperty("Fn::If"))
            .Single(f => f[1].GetProperty("Action").ToString().Contains("lambda:ListFunctions", StringComparison.Ordinal));

        Assert.Equal("InventoryOn", conditional[0].GetString());
        Assert.True(Intrinsics.IsNoValue(conditional[2]));
    }

    [Fact]
    public async Task DetectorReadsPoliciesOnlyWhenReadPoliciesIsOn()
    {
        var t = await Templates.MainAsync();

        var statements = t.Resource("DetectorRole").Required("Policies")[0].GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().ToList();
        var reads = statements.Where(s => s.TryGetProperty("Fn::If", out var f) && f[1].TryGetProperty("Sid", out var sid) && AccountScopedReadSids.Contains(sid.GetString()!))
            .Select(s => s.GetProperty("Fn::If")).ToList();

        Assert.Equal(AccountScopedReadSids.Order(StringComparer.Ordinal), reads.Select(f => f[1].GetProperty("Sid").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(reads, f => Assert.Equal("ReadPoliciesOn", f[0].GetString()));
        Assert.All(reads, f => Assert.True(Intrinsics.IsNoValue(f[2])));
        // No other statement grants a policy read unconditionally.
        Assert.DoesNotContain(statements.Where(s => !s.TryGetProperty("Fn::If", out _)), s => s.GetProperty("Action").ToString().Contains("Policy", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ReadFunctionRolePolicies", "iam:GetRole iam:GetRolePolicy iam:ListAttachedRolePolicies iam:ListRolePolicies", "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*")]
    [InlineData("ReadManagedPolicies", "iam:GetPolicy iam:GetPolicyVersion", "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/* arn:${AWS::Partition}:iam::aws:policy/*")]
    [InlineData("ReadBucketPolicies", "s3:GetBucketPolicy", "arn:${AWS::Partition}:s3:::*")]
    [InlineData("ReadResourcePolicies",
        "dynamodb:GetResourcePolicy kms:GetKeyPolicy lambda:GetPolicy secretsmanager:GetResourcePolicy sns:GetTopicAttributes sqs:GetQueueAttributes sqs:GetQueueUrl",
        "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/* arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/* "
        + "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:* arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:* "
        + "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:* arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*")]
    public async Task DetectorPolicyReadsAreReadOnlyAndScopedToTheAccount(string sid, string actions, string resources)
    {
        var t = await Templates.MainAsync();

        var statement = Assert.Single(Statements(t, "DetectorRole"), s => s.Sid == sid);

        Assert.Equal(actions, string.Join(' ', statement.Actions.Order(StringComparer.Ordinal)));
        Assert.Equal(resources, string.Join(' ', statement.Resources.Select(r => Intrinsics.SubTemplate(r)).Order(StringComparer.Ordinal)));
        Assert.All(statement.Actions, a => Assert.Matches("^[a-z0-9]+:(Get|List)[A-Za-z]+$", a));
        if (sid == "ReadBucketPolicies")
        {
            // A bucket ARN names no account: the condition does.
            Assert.True(Intrinsics.IsRef(statement.ConditionValue("s3:ResourceAccount")!.Value, "AWS::AccountId"));
        }
        else
        {
            Assert.False(statement.HasCondition);
        }
    }

    [Fact]
    public async Task NotifierMayWriteMarkersPublishToItsTopicAndDeadLetterItsFailures()
    {
        var t = await Templates.MainAsync();

        Assert.Equal(
            ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
            ActionsOn(t, "NotifierRole", r => Intrinsics.IsGetAtt(r, "FindingsTable", "Arn")));
        Assert.Equal(
            ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
            ActionsOn(t, "NotifierRole", r => Intrinsics.IsGetAtt(r, "FindingsTable", "StreamArn")));
        Assert.Equal(["sqs:SendMessage"], ActionsOn(t, "NotifierRole", r => Intrinsics.IsGetAtt(r, "NotifierFailureQueue", "Arn")));

        // The topic ARN is spelled out (a Ref would be a dependency cycle): it must be the topic's own name.
        var topicName = Intrinsics.SubTemplate(t.Resource("NotificationTopic").Required("TopicName"));
        var publish = Assert.Single(Statements(t, "NotifierRole"), s => s.Actions.Contains("sns:Publish"));
        Assert.Equal(["sns:Publish"], publish.Actions);
        Assert.Equal($"arn:${{AWS::Partition}}:sns:${{AWS::Region}}:${{AWS::AccountId}}:{topicName}", Intrinsics.SubTemplate(Assert.Single(publish.Resources)));
    }

    [Fact]
    public async Task NotifierUsesTheTopicKeyOnlyThroughSnsForDataKeysAndDecrypt()
    {
        var t = await Templates.MainAsync();

        Assert.DoesNotContain(Statements(t, "NotifierRole"), s => s.Actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        var grant = Assert.Single(
            PolicyStatement.AllIn(t.Resource("EncryptionKey").Required("KeyPolicy")),
            s => s.Principal is { } p && p.TryGetProperty("AWS", out var aws) && Intrinsics.IsGetAtt(aws, "NotifierRole", "Arn"));
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], grant.Actions.Order(StringComparer.Ordinal));
        Assert.Equal("sns.${AWS::Region}.amazonaws.com", Intrinsics.SubTemplate(grant.ConditionValue("kms:ViaService")!.Value));
    }

    [Fact]
    public async Task SlackChannelCanRelayNotificationsButRunNoCommands()
    {
        var t = await Templates.MainAsync();

        var role = t.Resource("ChatbotChannelRole");
        var channel = t.Resource("SlackChannel");

        Assert.Null(role.Property("Policies"));
        Assert.Null(role.Property("ManagedPolicyArns"));
        // Without guardrails the channel would get AdministratorAccess as its guardrail.
        var guardrail = Assert.Single(channel.Required("GuardrailPolicies").EnumerateArray());
        Assert.Equal("arn:${AWS::Partition}:iam::aws:policy/AWSDenyAll", Intrinsics.SubTemplate(guardrail));
        Assert.Equal("ERROR", channel.Required("LoggingLevel").GetString());
        Assert.Equal("HasSlack", channel.Condition);
    }

    [Fact]
    public async Task ForwarderRoleMayOnlyPutEventsOnTheCentralBus()
    {
        var t = await Templates.LoadAsync(TemplateFiles.MemberForwarder);

        var statement = Assert.Single(Statements(t, "ForwarderRole"));

        Assert.Equal(["events:PutEvents"], statement.Actions);
        Assert.True(Intrinsics.IsRef(Assert.Single(statement.Resources), "CentralEventBusArn"));
    }

    /// <summary>Statements that apply to a role: its inline policies and every IAM policy resource attached to it.</summary>
    private static IEnumerable<PolicyStatement> Statements(CfnTemplate t, string role) =>
        t.IamPolicyStatements().Where(x => AttachedRoles(x.Owner).Contains(role, StringComparer.Ordinal)).Select(x => x.Statement);

    private static IEnumerable<string> AttachedRoles(CfnResource owner)
    {
        if (owner.Type == "AWS::IAM::Role")
        {
            return [owner.Id];
        }

        var refs = owner.Type == "AWS::IAM::RolePolicy"
            ? owner.Property("RoleName") is { } name ? [name] : Enumerable.Empty<JsonElement>()
            : owner.Property("Roles") is { } roles ? Intrinsics.Items(roles) : [];
        return refs.Select(Intrinsics.Render).OfType<string>()
            .Where(x => x.StartsWith("${", StringComparison.Ordinal) && x.EndsWith('}'))
            .Select(x => x[2..^1]);
    }

    private static List<string> ActionsOn(CfnTemplate t, string role, Func<JsonElement, bool> resource) =>
        Statements(t, role).Where(s => s.Resources.Any(resource)).SelectMany(s => s.Actions).Order(StringComparer.Ordinal).ToList();

    private static bool IsStar(JsonElement resource) => Intrinsics.Render(resource) == "*";
}
