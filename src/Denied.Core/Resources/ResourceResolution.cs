namespace Denied.Resources;

/// <summary>The resource ARN a denied record was evaluated against.</summary>
/// <param name="Resource">The ARN as evaluated, "*" for actions without resource-level permissions (or with optional resource types only, when the request names none), or null when not determinable.</param>
/// <param name="Source">"message", "resources", "request-parameters", "no-resource-level-permissions", "optional-resource-types" or "unknown".</param>
/// <param name="Notes">What could not be determined, or what the user should know about the ARN; unescaped record text.</param>
public sealed record ResourceResolution(string? Resource, string Source, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// How many trailing characters of <see cref="Resource"/> are IAM wildcards on purpose (the six '?' standing for
    /// a secret's random suffix); everything before them is literal record text. 0, the default: all literal.
    /// </summary>
    public int WildcardSuffixLength { get; init; }
}
