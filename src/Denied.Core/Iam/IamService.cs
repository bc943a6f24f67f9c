namespace Denied.Iam;

/// <summary>
/// One service prefix of the catalog. Its actions are parsed from its slice of the data file on
/// first use only: a Lambda cold start then pays for the one or two services a record names, not
/// for all ~450 (see <see cref="IamCatalog"/>).
/// </summary>
internal sealed class IamService
{
    private readonly Lazy<(IReadOnlyDictionary<string, IamAction> Actions, IReadOnlyDictionary<string, string> ResourceTypes)> _parsed;

    public IamService(string prefix, ReadOnlyMemory<byte> utf8Json)
    {
        Prefix = prefix;
        _parsed = new(() => IamDataReader.ReadService(prefix, utf8Json.Span), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Prefix { get; }

    /// <summary>Actions keyed case-insensitively (IAM action names are case-insensitive).</summary>
    public IReadOnlyDictionary<string, IamAction> Actions => _parsed.Value.Actions;

    /// <summary>ARN patterns by resource type name (case-insensitive), for every type the service defines.</summary>
    public IReadOnlyDictionary<string, string> ResourceTypes => _parsed.Value.ResourceTypes;
}
