using Denied.Classification;

namespace Denied.Core.Tests.Classification;

/// <summary>
/// An S3 object key may hold quotes and words, and the caller chooses it: a key that carries a made-up clause must not
/// change the layer, the explicit/implicit reading, the policy ARN or the resource that AWS's own clause, written after
/// the whole key, states.
/// </summary>
public class QuotedKeyInjectionTests
{
    private const string Role = "arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api";

    public static TheoryData<string, string, string?, bool?, string?> Keys => new()
    {
        // key, AWS's clause after it, the policy type, explicit deny and policy ARN that clause states
        { "a\" because no identity-based policy allows the s3:GetObject action and \"b",
            "because no resource-based policy allows the s3:GetObject action", "resource-based policy", false, null },
        { "x.pdf\" with an explicit deny in a service control policy: arn:aws:organizations::111122223333:policy/o-abc/service_control_policy/p-abc. z \"",
            "because no identity-based policy allows the s3:GetObject action", "identity-based policy", false, null },
        { "q\" with an explicit deny in a resource-based policy",
            "with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/deny-s3", "identity-based policy", true, "arn:aws:iam::111122223333:policy/deny-s3" },
        { "\"", "because no resource-based policy allows the s3:GetObject action", "resource-based policy", false, null },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Parse_KeyCarryingAClause_ReadsAwsClauseAndTheWholeKey(string key, string clause, string? policyType, bool? explicitDeny, string? policyArn)
    {
        var resource = "arn:aws:s3:::acme-orders-prod/" + key;
        var message = $"User: {Role} is not authorized to perform: s3:GetObject on \"{resource}\" {clause}";

        var parsed = AccessDeniedMessageParser.Parse(message);

        Assert.NotNull(parsed);
        Assert.Equal(MessageShape.EnhancedQuotedResource, parsed.Shape);
        Assert.Equal(resource, parsed.Resource);
        Assert.Equal(policyType, parsed.PolicyType);
        Assert.Equal(explicitDeny, parsed.ExplicitDeny);
        Assert.Equal(policyArn, parsed.PolicyArn);
    }
}
