using Amazon.DynamoDBv2.Model;
using Denied.Findings;
using A = Denied.Store.FindingAttributes;

namespace Denied.Store;

/// <summary>
/// <see cref="SuppressionRule"/> to and from its item (pk "SUPPRESSION", sk rule id). ExpiresAt is stored in
/// the TTL attribute, so DynamoDB deletes an expired rule; until it does, <see cref="Denied.Intake.SuppressionMatcher"/>
/// ignores it.
/// </summary>
public static class SuppressionItemMapper
{
    public static Dictionary<string, AttributeValue> Key(string ruleId) => new()
    {
        [A.Pk] = FindingItemMapper.S(A.SuppressionPk),
        [A.Sk] = FindingItemMapper.S(ruleId),
    };

    public static Dictionary<string, AttributeValue> ToItem(SuppressionRule rule)
    {
        var item = Key(rule.Id);
        item[A.Reason] = FindingItemMapper.S(rule.Reason);
        Put(item, A.FunctionPattern, rule.FunctionPattern);
        Put(item, A.RolePattern, rule.RolePattern);
        Put(item, A.ActionPattern, rule.ActionPattern);
        Put(item, A.ResourcePattern, rule.ResourcePattern);
        if (rule.ExpiresAt is { } exp)
        {
            item[A.ExpiresAt] = new AttributeValue { N = ItemTime.ToEpoch(exp) };
        }

        return item;
    }

    public static SuppressionRule FromItem(IReadOnlyDictionary<string, AttributeValue> item) =>
        new(item[A.Sk].S, Get(item, A.Reason) ?? "")
        {
            FunctionPattern = Get(item, A.FunctionPattern),
            RolePattern = Get(item, A.RolePattern),
            ActionPattern = Get(item, A.ActionPattern),
            ResourcePattern = Get(item, A.ResourcePattern),
            ExpiresAt = item.TryGetValue(A.ExpiresAt, out var e) && e.N is { } n ? ItemTime.FromEpoch(n) : null,
        };

    private static void Put(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = FindingItemMapper.S(value);
        }
    }

    private static string? Get(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var v) ? v.S : null;
}
