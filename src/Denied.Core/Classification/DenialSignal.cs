namespace Denied.Classification;

/// <param name="Kind">The detector's verdict.</param>
/// <param name="Reason">Which rule decided, in one human sentence (shown in notes and logs).</param>
public sealed record DenialSignal(DenialKind Kind, string Reason);
