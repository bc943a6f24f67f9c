using Amazon.DynamoDBv2.Model;

namespace Denied.Store;

/// <summary>
/// Collects placeholders for one expression set: every attribute name goes through #n placeholders
/// (status, count, action, region... are DynamoDB reserved words) and every value through :v placeholders.
/// </summary>
internal sealed class ExpressionBuilder
{
    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameByAttribute = new(StringComparer.Ordinal);

    public string Name(string attribute)
    {
        if (!_nameByAttribute.TryGetValue(attribute, out var placeholder))
        {
            placeholder = "#n" + _nameByAttribute.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _nameByAttribute[attribute] = placeholder;
            Names[placeholder] = attribute;
        }

        return placeholder;
    }

    public string Value(AttributeValue value)
    {
        var placeholder = ":v" + Values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values[placeholder] = value;
        return placeholder;
    }

    public string Value(string s) => Value(new AttributeValue { S = s });

    public string Number(long n) => Value(new AttributeValue { N = n.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The values, or null when there are none (DynamoDB rejects an empty map).</summary>
    public Dictionary<string, AttributeValue>? ValuesOrNull => Values.Count == 0 ? null : Values;

    public Dictionary<string, string>? NamesOrNull => Names.Count == 0 ? null : Names;
}
