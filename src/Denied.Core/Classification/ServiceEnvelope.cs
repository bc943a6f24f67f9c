namespace Denied.Classification;

/// <summary>What a service envelope (<see cref="ServiceEnvelopes"/>) holds besides the inner message.</summary>
/// <param name="Inner">The message inside the envelope, for the catalogue; empty when the envelope holds none.</param>
/// <param name="EncodedMessage">EC2's encoded authorization failure message after the enhanced sentence, if any.</param>
/// <param name="LambdaEnvironmentDecryption">Lambda's KMSAccessDeniedException envelope (see <see cref="ParsedDenialMessage.LambdaEnvironmentDecryption"/>).</param>
internal sealed record ServiceEnvelope(string Inner, string? EncodedMessage, bool LambdaEnvironmentDecryption)
{
    // Lambda decrypts a function's environment variables with kms:Decrypt as the function's execution role
    // (Lambda DG, "Securing environment variables"); the inner message may not name the action (ciphertext form).
    private const string EnvironmentDecryptAction = "kms:Decrypt";

    /// <summary>What the envelope adds to the inner message's fields.</summary>
    public ParsedDenialMessage ApplyTo(ParsedDenialMessage inner) => inner with
    {
        EncodedAuthorizationMessage = inner.EncodedAuthorizationMessage ?? EncodedMessage,
        EncodedMessageTruncated = inner.EncodedMessageTruncated || EncodedMessage?.EndsWith("...", StringComparison.Ordinal) == true,
        Action = inner.Action ?? (LambdaEnvironmentDecryption ? EnvironmentDecryptAction : null),
        LambdaEnvironmentDecryption = LambdaEnvironmentDecryption,
    };
}
