namespace Denied.Policies;

/// <summary>
/// One request as the policies see it: principal, action, resource and the condition keys. Key names
/// are case-insensitive (IAM: "Condition key names are not case-sensitive"). A key not in
/// <see cref="Keys"/> is absent when it is in <see cref="KnownAbsent"/> or when <see cref="Complete"/>
/// (a simulation that states the whole context); otherwise it is unknown, and a condition on it is
/// not determinable.
/// </summary>
public sealed class RequestContext
{
    private readonly Dictionary<string, IReadOnlyList<string>> _keys;
    private readonly HashSet<string> _knownAbsent;

    public RequestContext(
        RequestPrincipal principal,
        string action,
        string resource,
        string? resourceAccount,
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> keys,
        bool complete,
        IEnumerable<string>? knownAbsent = null)
    {
        Principal = principal;
        Action = action;
        Resource = resource;
        ResourceAccount = resourceAccount;
        _keys = new Dictionary<string, IReadOnlyList<string>>(keys, StringComparer.OrdinalIgnoreCase);
        _knownAbsent = new HashSet<string>(knownAbsent ?? [], StringComparer.OrdinalIgnoreCase);
        Complete = complete;
    }

    public RequestPrincipal Principal { get; }

    /// <summary>The IAM action, e.g. <c>s3:GetObject</c>.</summary>
    public string Action { get; }

    /// <summary>The resource ARN, or <c>*</c> for actions without resource-level permissions.</summary>
    public string Resource { get; }

    /// <summary>The account that owns the resource; null when unknown (the evaluation then cannot tell same- from cross-account).</summary>
    public string? ResourceAccount { get; }

    public bool Complete { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Keys => _keys;

    public IReadOnlyCollection<string> KnownAbsent => _knownAbsent;

    public KeyState Lookup(string key, out IReadOnlyList<string> values)
    {
        if (_keys.TryGetValue(key, out var found))
        {
            values = found;
            return KeyState.Present;
        }

        values = [];
        return Complete || _knownAbsent.Contains(key) ? KeyState.Absent : KeyState.Unknown;
    }
}
