using System.Text.RegularExpressions;

namespace Denied.Classification;

/// <summary>
/// Service sentences wrapped around an enhanced "User: ... is not authorized to perform ..." message, in order:
/// <list type="bullet">
/// <item>EC2's current form, "You are not authorized to perform this operation. User: ... [. Encoded authorization
/// failure message: ...]" (Terraform and CLI output of UnauthorizedOperation; the older form without the User
/// sentence is left to the catalogue's "ec2-encoded" row).</item>
/// <item>Lambda's KMSAccessDeniedException on Invoke, "Lambda was unable to decrypt the environment variables because
/// KMS access was denied. ... KMS Exception: AccessDeniedExceptionKMS Message: ..." (Lambda API errors; real
/// messages run the code and "KMS Message" together).</item>
/// </list>
/// Unwrapping leaves the inner message for <see cref="MessagePatternCatalogue"/>; the envelope keeps what it adds.
/// </summary>
internal static partial class ServiceEnvelopes
{
    /// <summary>The envelope around <paramref name="text"/>, or null when there is none.</summary>
    public static ServiceEnvelope? Unwrap(string text)
    {
        if (SafeRegex.Match(Ec2Enhanced(), text) is { } ec2)
        {
            return new ServiceEnvelope(SafeRegex.Group(ec2, "inner") ?? string.Empty, SafeRegex.Group(ec2, "encoded"), false);
        }

        if (SafeRegex.Match(LambdaEnvironmentKms(), text) is { } kms)
        {
            return new ServiceEnvelope(SafeRegex.Group(kms, "inner")?.Trim() ?? string.Empty, null, true);
        }

        return null;
    }

    [GeneratedRegex("^You are not authorized to perform this operation\\. (?<inner>User:? .*?)"
        + "(?:\\.? Encoded authorization failure message: (?<encoded>[^\\s]{1,65536}))?\\s*$",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Ec2Enhanced();

    // The console prefixes "Calling the invoke API action failed with this message: ".
    [GeneratedRegex("^(?:Calling the invoke API action failed with this message: )?Lambda was unable to decrypt (?:the |your )?"
        + "environment variables because KMS access was denied\\.(?:.{0,512}?KMS Exception: ?[a-z0-9]{1,128}? ?KMS Message: ?(?<inner>.*))?",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex LambdaEnvironmentKms();
}
