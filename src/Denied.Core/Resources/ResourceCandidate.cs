namespace Denied.Resources;

/// <summary>
/// What a request-parameter rule offers: either values for the ARN pattern of one IAM resource type,
/// or a complete ARN taken from the request, or only a note. The resolver keeps a candidate only
/// when the action is authorised against that resource type (or an ARN of a type it lists).
/// </summary>
internal sealed record ResourceCandidate(string? TypeName, IReadOnlyDictionary<string, string>? Values, string? Arn, string? Note)
{
    /// <summary>How many trailing characters of the filled ARN are policy wildcards on purpose; 0 (the default): none.</summary>
    public int WildcardSuffixLength { get; init; }

    public static ResourceCandidate ForType(string typeName, IReadOnlyDictionary<string, string> values, string? note = null) =>
        new(typeName, values, null, note);

    public static ResourceCandidate ForArn(string arn, string? note = null) => new(null, null, arn, note);

    public static ResourceCandidate NoteOnly(string note) => new(null, null, null, note);
}
