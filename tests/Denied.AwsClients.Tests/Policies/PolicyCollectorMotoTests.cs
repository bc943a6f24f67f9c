using System.Text.Json;
using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// PolicyCollector against moto: a role with inline, attached and boundary policies; one resource of each kind
/// with and without a policy; an organization with an OU, an SCP and an RCP. The three outputs have the shapes
/// the offline options read, and every read is listed with its outcome.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class PolicyCollectorMotoTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/app/orders-fn";
    private readonly MotoPolicyClients _clients = new(moto);
    private JsonElement _setup;

    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        using var setup = JsonDocument.Parse(await MotoPython.RunAsync(moto, """
            import io, zipfile
            iam = boto3.client("iam", **kw)
            doc = lambda sid, action, resource: json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": sid, "Effect": "Allow", "Action": action, "Resource": resource}]})
            boundary = iam.create_policy(PolicyName="boundary", PolicyDocument=doc("B", "s3:*", "*"))["Policy"]["Arn"]
            role = iam.create_role(RoleName="orders-fn", Path="/app/", PermissionsBoundary=boundary, AssumeRolePolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
            iam.put_role_policy(RoleName="orders-fn", PolicyName="read-orders", PolicyDocument=doc("ReadOrders", "s3:GetObject", "arn:aws:s3:::orders-bucket/in/*"))
            managed = iam.create_policy(PolicyName="send", PolicyDocument=doc("Send", "sqs:SendMessage", "*"))["Policy"]["Arn"]
            iam.attach_role_policy(RoleName="orders-fn", PolicyArn=managed)
            iam.attach_role_policy(RoleName="orders-fn", PolicyArn=boundary)

            s3 = boto3.client("s3", **kw)
            s3.create_bucket(Bucket="orders-bucket"); s3.create_bucket(Bucket="plain-bucket")
            s3.put_bucket_policy(Bucket="orders-bucket", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "OnlyTls", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::orders-bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
            key = boto3.client("kms", **kw).create_key()["KeyMetadata"]["Arn"]
            sqs = boto3.client("sqs", **kw)
            q = sqs.create_queue(QueueName="orders")["QueueUrl"]; sqs.create_queue(QueueName="plain")
            sqs.set_queue_attributes(QueueUrl=q, Attributes={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "Q", "Effect": "Allow", "Principal": {"AWS": role}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:orders"}]})})
            topic = boto3.client("sns", **kw).create_topic(Name="alerts")["TopicArn"]
            lam = boto3.client("lambda", **kw)
            b = io.BytesIO(); z = zipfile.ZipFile(b, "w"); z.writestr("bootstrap", "#!/bin/sh"); z.close()
            fn = lam.create_function(FunctionName="worker", Runtime="provided.al2023", Role=role, Handler="bootstrap", Code={"ZipFile": b.getvalue()})["FunctionArn"]
            lam.add_permission(FunctionName="worker", StatementId="FromEvents", Action="lambda:InvokeFunction", Principal="events.amazonaws.com")
            lam.create_function(FunctionName="plain", Runtime="provided.al2023", Role=role, Handler="bootstrap", Code={"ZipFile": b.getvalue()})
            sm = boto3.client("secretsmanager", **kw)
            secret = sm.create_secret(Name="db", SecretString="x")["ARN"]
            sm.put_resource_policy(SecretId=secret, ResourcePolicy=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "S", "Effect": "Allow", "Principal": {"AWS": role}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}))
            ddb = boto3.client("dynamodb", **kw)
            table = ddb.create_table(TableName="orders", KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}], AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")["TableDescription"]["TableArn"]
            ddb.put_resource_policy(ResourceArn=table, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "T", "Effect": "Allow", "Principal": {"AWS": role}, "Action": "dynamodb:GetItem", "Resource": table}]}))

            org = boto3.client("organizations", **kw)
            org.create_organization(FeatureSet="ALL")
            root = org.list_roots()["Roots"][0]["Id"]
            org.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
            ou = org.create_organizational_unit(ParentId=root, Name="apps")["OrganizationalUnit"]["Id"]
            org.move_account(AccountId="123456789012", SourceParentId=root, DestinationParentId=ou)
            scp = org.create_policy(Name="deny-delete", Description="d", Type="SERVICE_CONTROL_POLICY",
                Content=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}))["Policy"]["PolicySummary"]["Id"]
            org.attach_policy(PolicyId=scp, TargetId=ou)
            rcp = org.create_policy(Name="tls", Description="d", Type="RESOURCE_CONTROL_POLICY",
                Content=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "Tls", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}}}]}))["Policy"]["PolicySummary"]["Id"]
            org.attach_policy(PolicyId=rcp, TargetId=root)
            print(json.dumps({"key": key, "topic": topic, "fn": fn, "secret": secret, "table": table, "root": root, "ou": ou, "scp": scp, "rcp": rcp, "boundary": boundary, "managed": managed}))
            """));
        _setup = setup.RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _clients.Dispose();

    [Fact]
    public async Task Role_IsWrittenInTheAuthorizationDetailsShape_WithEachManagedPolicyOnce()
    {
        var collection = await _clients.Collector.CollectAsync([RoleArn], [], organization: false, CancellationToken.None);

        var role = Assert.Single(collection.AuthorizationDetails["RoleDetailList"]!.AsArray())!.AsObject();
        Assert.Equal(("/app/", "orders-fn", RoleArn), ((string?)role["Path"], (string?)role["RoleName"], (string?)role["Arn"]));
        Assert.StartsWith("AROA", (string?)role["RoleId"], StringComparison.Ordinal);
        Assert.Equal("lambda.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
        var inline = Assert.Single(role["RolePolicyList"]!.AsArray())!;
        Assert.Equal("read-orders", (string?)inline["PolicyName"]);
        Assert.Equal("ReadOrders", (string?)inline["PolicyDocument"]!["Statement"]![0]!["Sid"]);
        Assert.Equal(
            [Text("managed"), Text("boundary")],
            role["AttachedManagedPolicies"]!.AsArray().Select(p => (string?)p!["PolicyArn"]).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("Policy", (string?)role["PermissionsBoundary"]!["PermissionsBoundaryType"]);
        Assert.Equal(Text("boundary"), (string?)role["PermissionsBoundary"]!["PermissionsBoundaryArn"]);
        Assert.Empty(role["Tags"]!.AsArray());

        // The boundary is also attached: one Policies entry each, with the default version's document.
        var policies = collection.AuthorizationDetails["Policies"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal([Text("boundary"), Text("managed")], policies.Select(p => (string?)p["Arn"]).Order(StringComparer.Ordinal));
        var send = policies.Single(p => (string?)p["PolicyName"] == "send");
        var version = Assert.Single(send["PolicyVersionList"]!.AsArray())!;
        Assert.Equal(("v1", true), ((string?)version["VersionId"], (bool)version["IsDefaultVersion"]!));
        Assert.Equal("v1", (string?)send["DefaultVersionId"]);
        Assert.Equal("Send", (string?)version["Document"]!["Statement"]![0]!["Sid"]);
        Assert.Single(collection.Reads, r => r.Read == "iam:GetPolicy" && r.Arn == Text("boundary"));
        Assert.All(collection.Reads, r => Assert.Equal(PolicyReadOutcome.Read, r.Outcome));
    }

    [Fact]
    public async Task Resources_OfEveryKind_AreReadOrReportedAbsent_KeyedByThePolicyHolderArn()
    {
        string[] resources =
        [
            "arn:aws:s3:::orders-bucket/in/2026/01.json", "arn:aws:s3:::plain-bucket", Text("key"), "arn:aws:sqs:us-east-1:123456789012:orders",
            "arn:aws:sqs:us-east-1:123456789012:plain", Text("topic"), Text("fn"), "arn:aws:lambda:us-east-1:123456789012:function:plain",
            Text("secret"), Text("table") + "/index/by-date",
        ];

        var collection = await _clients.Collector.CollectAsync([], resources, organization: false, CancellationToken.None);

        var policies = collection.ResourcePolicies;
        Assert.Equal(
            new[] { "arn:aws:s3:::orders-bucket", Text("key"), "arn:aws:sqs:us-east-1:123456789012:orders", Text("topic"), Text("fn"), Text("secret"), Text("table") }
                .Order(StringComparer.Ordinal),
            policies.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("OnlyTls", (string?)policies["arn:aws:s3:::orders-bucket"]!["Statement"]![0]!["Sid"]);
        Assert.Contains("key-default", (string?)policies[Text("key")]!["Id"], StringComparison.Ordinal);
        Assert.Equal("Q", (string?)policies["arn:aws:sqs:us-east-1:123456789012:orders"]!["Statement"]![0]!["Sid"]);
        Assert.NotEmpty(policies[Text("topic")]!["Statement"]!.AsArray()); // SNS writes a default topic policy
        Assert.Equal("FromEvents", (string?)policies[Text("fn")]!["Statement"]![0]!["Sid"]);
        Assert.Equal("S", (string?)policies[Text("secret")]!["Statement"]![0]!["Sid"]);
        Assert.Equal("T", (string?)policies[Text("table")]!["Statement"]![0]!["Sid"]);

        Assert.Equal(
            [("s3:GetBucketPolicy", "arn:aws:s3:::plain-bucket"), ("sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:123456789012:plain"),
             ("lambda:GetPolicy", "arn:aws:lambda:us-east-1:123456789012:function:plain")],
            collection.Reads.Where(r => r.Outcome == PolicyReadOutcome.Absent).Select(r => (r.Read, r.Arn)));
        Assert.Equal(7, collection.Reads.Count(r => r.Outcome == PolicyReadOutcome.Read));
    }

    [Fact]
    public async Task Organization_GivesTheAccountPathRootFirst_AndEachScpAndRcpWithTheTargetsItIsAttachedTo()
    {
        var collection = await _clients.Collector.CollectAsync([RoleArn], [], organization: true, CancellationToken.None);

        var org = collection.OrganizationPolicies!;
        Assert.Equal([Text("root"), Text("ou")], org["accountPaths"]!["123456789012"]!.AsArray().Select(n => (string?)n));
        var policies = org["policies"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => (string)p["id"]!);
        var scp = policies[Text("scp")];
        Assert.Equal(("deny-delete", "SERVICE_CONTROL_POLICY"), ((string?)scp["name"], (string?)scp["type"]));
        Assert.Equal([Text("ou")], scp["targets"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("NoDelete", (string?)scp["document"]!["Statement"]![0]!["Sid"]);
        Assert.StartsWith("arn:aws:organizations::123456789012:policy/", (string?)scp["arn"], StringComparison.Ordinal);
        var rcp = policies[Text("rcp")];
        Assert.Equal(("RESOURCE_CONTROL_POLICY", Text("root")), ((string?)rcp["type"], (string?)rcp["targets"]![0]));
        // AWS attaches FullAWSAccess everywhere SCPs are enabled: root, OU and account.
        Assert.Equal(
            [Text("root"), Text("ou"), "123456789012"], policies["p-FullAWSAccess"]["targets"]!.AsArray().Select(n => (string?)n));
        Assert.DoesNotContain(collection.Reads, r => r.Outcome != PolicyReadOutcome.Read);
    }

    [Fact]
    public async Task WhatCannotBeRead_IsReportedPerRead_AndTheRestIsStillCollected()
    {
        const string missingRole = "arn:aws:iam::123456789012:role/gone";

        var collection = await _clients.Collector.CollectAsync(
            [missingRole, RoleArn], ["arn:aws:kms:us-east-1:123456789012:alias/orders", "arn:aws:s3:::no-such-bucket-here", "arn:aws:ec2:us-east-1:123456789012:instance/i-1"],
            organization: false,
            CancellationToken.None);

        var roles = collection.AuthorizationDetails["RoleDetailList"]!.AsArray();
        Assert.Equal(2, roles.Count);
        var gone = roles[0]!.AsObject();
        Assert.Equal(("/", "gone", missingRole), ((string?)gone["Path"], (string?)gone["RoleName"], (string?)gone["Arn"]));
        Assert.False(gone.ContainsKey("RoleId"));
        Assert.False(gone.ContainsKey("AssumeRolePolicyDocument"));
        Assert.Equal("orders-fn", (string?)roles[1]!["RoleName"]);
        var failed = collection.Reads.Where(r => r.Outcome == PolicyReadOutcome.Failed).ToList();
        Assert.Contains(failed, r => r.Read == "iam:GetRole" && r.Arn == missingRole && r.Reason!.StartsWith("NoSuchEntity", StringComparison.Ordinal));
        Assert.Contains(failed, r => r.Read == "kms:GetKeyPolicy" && r.Reason!.Contains("alias", StringComparison.Ordinal));
        Assert.Contains(failed, r => r.Read == "s3:GetBucketPolicy" && r.Reason!.StartsWith("NoSuchBucket", StringComparison.Ordinal));
        Assert.Contains(failed, r => r.Read == "unknown" && r.Reason!.Contains("'ec2'", StringComparison.Ordinal));
        Assert.Empty(collection.ResourcePolicies);
        Assert.Null(collection.OrganizationPolicies);
    }

    private string Text(string name) => _setup.GetProperty(name).GetString()!;
}
