using System.Text.RegularExpressions;

namespace Denied.Classification;

/// <summary>
/// Parses an access-denied errorMessage into its fields: drops SDK wrappers (boto3, Go, Java), opens service
/// envelopes (<see cref="ServiceEnvelopes"/>), then matches <see cref="MessagePatternCatalogue"/>.
/// Safe on hostile input: every pattern is bounded and timed (<see cref="SafeRegex"/>); never throws.
/// </summary>
public static partial class AccessDeniedMessageParser
{
    /// <summary>The fields the message states, or null when nothing in it is recognisable.</summary>
    public static ParsedDenialMessage? Parse(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var text = StripJavaSdkSuffix(message.Trim());
        string? wrappedCode = null;
        string? wrappedOperation = null;
        if ((SafeRegex.Match(BotocoreWrapper(), text) ?? SafeRegex.Match(GoSdkWrapper(), text)) is { } wrapper)
        {
            wrappedCode = SafeRegex.Group(wrapper, "code");
            wrappedOperation = SafeRegex.Group(wrapper, "operation");
            text = SafeRegex.Group(wrapper, "rest")?.Trim() ?? string.Empty;
        }

        var envelope = ServiceEnvelopes.Unwrap(text);
        if (envelope is not null)
        {
            text = envelope.Inner;
        }

        // IAM's authorization-ID sentence follows the whole message (IAM UG "Troubleshoot access denied errors with an
        // authorization ID"); cut it off first so the clause and policy ARN before it parse as they always did.
        string? authorizationId = null;
        if (MayCarryAuthorizationId(text) && SafeRegex.Match(AuthorizationIdSuffix(), text) is { } suffix)
        {
            authorizationId = SafeRegex.Group(suffix, "id") ?? UrlAuthorizationId(SafeRegex.Group(suffix, "url"));
            text = text[..suffix.Index].TrimEnd();
        }

        var parsed = Catalogued(text);
        if (envelope is not null)
        {
            // The envelope alone still says what was denied (EC2: a denial; Lambda: the environment-variable key).
            parsed = envelope.ApplyTo(parsed ?? new ParsedDenialMessage { Shape = MessageShape.GenericNotAuthorized, Pattern = "envelope-only" });
        }
        else if (parsed is null && wrappedCode is not null)
        {
            parsed = new ParsedDenialMessage { Shape = MessageShape.WrappedOnly, Pattern = "wrapper-only" };
        }

        if (parsed is null && authorizationId is not null)
        {
            parsed = new ParsedDenialMessage { Shape = MessageShape.GenericNotAuthorized, Pattern = "generic-not-authorized" };
        }

        return parsed is null
            ? null
            : parsed with { WrappedErrorCode = wrappedCode, WrappedOperation = wrappedOperation, AuthorizationId = authorizationId };
    }

    private static ParsedDenialMessage? Catalogued(string text)
    {
        foreach (var pattern in MessagePatternCatalogue.Patterns)
        {
            if (SafeRegex.Match(pattern.Regex, text) is { } match)
            {
                return pattern.Build(match) with { Pattern = pattern.Name };
            }
        }

        return null;
    }

    // A plain substring test first: almost no message carries the sentence, and the suffix pattern scans the whole text.
    private static bool MayCarryAuthorizationId(string text) =>
        text.Contains("for complete details", StringComparison.OrdinalIgnoreCase)
        || text.Contains("GetRequestAuthorizationDetails", StringComparison.OrdinalIgnoreCase);

    /// <summary>The ID at the end of the console link ".../iam/home?region=R#/authorization-details/ID", if it is one.</summary>
    private static string? UrlAuthorizationId(string? url)
    {
        const string marker = "/authorization-details/";
        var at = url?.LastIndexOf(marker, StringComparison.Ordinal) ?? -1;
        var id = at < 0 ? null : url![(at + marker.Length)..];
        return id is { Length: > 0 and <= 256 } && id.All(char.IsAsciiLetterOrDigit) ? id : null;
    }

    private static string StripJavaSdkSuffix(string text) =>
        SafeRegex.Match(JavaSdkSuffix(), text) is { } m ? text[..m.Index].TrimEnd() : text;

    // "... . Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/ID for complete
    // details, or call the GetRequestAuthorizationDetails API with the following authorization id: ID" (IAM UG
    // troubleshoot_access-denied-authorization-id). The ID's documented pattern is [0-9a-z]+; the example uses capitals.
    private const string AuthorizationIdText = "call the GetRequestAuthorizationDetails API with the following authorization id: (?<id>[0-9a-z]{1,256})";

    [GeneratedRegex("\\.?\\s{0,8}(?:Go to (?<url>[^\\s]{1,2048}) for complete details,?(?: or " + AuthorizationIdText + ")?|" + AuthorizationIdText + ")\\.?\\s*$",
        SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex AuthorizationIdSuffix();

    // boto3 / AWS CLI: "An error occurred (AccessDenied) when calling the ListRoles operation: ...".
    [GeneratedRegex("^An error occurred \\((?<code>[^()\\s]{1,128})\\) when calling the (?<operation>[a-z0-9]{1,128}) operation"
        + "(?: \\(reached max retries: [0-9]{1,4}\\))?: ?(?<rest>.*)$", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex BotocoreWrapper();

    // AWS SDK for Go v2: "operation error S3: GetObject, https response error StatusCode: 403, RequestID: ..., api error AccessDenied: ...".
    [GeneratedRegex("^operation error [^:]{1,64}: (?<operation>[a-z0-9]{1,128}), https response error StatusCode: [0-9]{3}, RequestID: [^,]{0,128}, "
        + "(?:HostID: [^,]{0,512}, )?api error (?<code>[a-z0-9.]{1,128}): (?<rest>.*)$", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex GoSdkWrapper();

    // AWS SDK for Java / CloudFormation: "... (Service: AWSLambda; Status Code: 400; Error Code: ...; Request ID: ...)".
    [GeneratedRegex("\\(Service: [^()]{0,512}\\)\\s*$", SafeRegex.Options, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex JavaSdkSuffix();
}
