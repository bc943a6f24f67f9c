using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.TestSupport;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// One collector reads a managed policy once, however many roles attach it and however many collections are made
/// (a scan reading each finding's role): each collection still holds the policy and its reads.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class ManagedPolicyReadOnceTests(MotoServer moto) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await moto.ResetAsync();
        await MotoPython.RunAsync(moto, """
            iam = boto3.client("iam", **kw)
            shared = iam.create_policy(PolicyName="shared", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}]}))["Policy"]["Arn"]
            for name in ["orders-fn", "billing-fn"]:
                iam.create_role(RoleName=name, AssumeRolePolicyDocument="{}")
                iam.attach_role_policy(RoleName=name, PolicyArn=shared)
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoCollectionsOfRolesSharingAPolicy_ReadItOnce_AndBothHoldIt()
    {
        using var counter = new CountingHandler();
        using var clients = new MotoPolicyClients(moto, counter);

        var orders = await clients.Collector.CollectAsync(["arn:aws:iam::123456789012:role/orders-fn"], [], organization: false, CancellationToken.None);
        var billing = await clients.Collector.CollectAsync(["arn:aws:iam::123456789012:role/billing-fn"], [], organization: false, CancellationToken.None);

        Assert.Equal((1, 1, 2), (counter.Count("GetPolicy"), counter.Count("GetPolicyVersion"), counter.Count("GetRole")));
        foreach (var collection in new[] { orders, billing })
        {
            var policy = Assert.Single(collection.AuthorizationDetails["Policies"]!.AsArray())!;
            Assert.Equal("Logs", (string?)policy["PolicyVersionList"]![0]!["Document"]!["Statement"]![0]!["Sid"]);
            Assert.Contains(collection.Reads, r => r.Read == "iam:GetPolicyVersion" && r.Outcome == PolicyReadOutcome.Read);
        }

        // Each collection owns its nodes: changing one leaves the other as read.
        orders.AuthorizationDetails["Policies"]![0]!["PolicyName"] = "changed";
        Assert.Equal("shared", (string?)billing.AuthorizationDetails["Policies"]![0]!["PolicyName"]);
    }

    /// <summary>Counts the query-protocol Actions sent, and passes every request on.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<string> _actions = [];

        public int Count(string action)
        {
            lock (_actions)
            {
                return _actions.Count(a => a == action);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var action = body.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal))?["Action=".Length..];
            lock (_actions)
            {
                _actions.Add(action ?? "?");
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
