namespace Denied.Classification;

/// <param name="Kind">The detector's verdict.</param>
/// <param name="Reason">Which rule decided, in one human sentence (shown in notes and logs).</param>
public sealed record DenialSignal(DenialKind Kind, string Reason)
{
    /// <summary>The stable name of the detector row that decided ("access-denied-code", "not-iam-denial", ...).</summary>
    public string? Rule { get; init; }
}
