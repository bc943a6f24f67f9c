using Denied.CloudTrail;

namespace Denied.Classification;

/// <summary>
/// Decides whether a CloudTrail record is an access denial, from its errorCode and errorMessage.
/// An ordered table, first match wins; codes compare spelling-insensitively (<see cref="ErrorCodes"/>).
/// </summary>
public static class DenialDetector
{
    // Codes that look like failures a user would chase but are not policy evaluation saying no.
    // Authentication failures (bad keys, expired tokens, clock skew) never reach IAM policy
    // evaluation (they name a missing or invalid credential, not a policy decision); the rest are ordinary API outcomes.
    private static readonly Dictionary<string, string> NotAuthorization = new(StringComparer.Ordinal)
    {
        ["nosuchkey"] = "a missing object",
        ["nosuchbucket"] = "a missing bucket",
        ["resourcenotfoundexception"] = "a missing resource",
        ["validationerror"] = "a validation error",
        ["validationexception"] = "a validation error",
        ["invalidparametervalueexception"] = "a validation error",
        ["throttling"] = "throttling",
        ["throttlingexception"] = "throttling",
        ["toomanyrequestsexception"] = "throttling",
        ["requestlimitexceeded"] = "throttling",
        ["slowdown"] = "throttling",
        ["expiredtoken"] = "an authentication failure (expired credentials)",
        ["expiredtokenexception"] = "an authentication failure (expired credentials)",
        ["invalidclienttokenid"] = "an authentication failure (unknown access key)",
        ["invalidaccesskeyid"] = "an authentication failure (unknown access key)",
        ["signaturedoesnotmatch"] = "an authentication failure (bad signature)",
        ["incompletesignature"] = "an authentication failure (bad signature)",
        ["unrecognizedclientexception"] = "an authentication failure (unknown access key)",
        ["missingauthenticationtoken"] = "an authentication failure (unsigned request)",
        ["authfailure"] = "an authentication failure",
        ["notauthorizedexception"] = "a Cognito user-authentication failure",
        ["optinrequired"] = "a Region opt-in error",
    };

    // S3 answers errorCode AccessDenied, before any policy is read, when a request's signature or its validity
    // window is wrong: a presigned URL past X-Amz-Expires, headers added after signing, no request date. The message
    // prefix is S3's fixed text (S3 error responses; reproduced by the S3-compatible servers that copy them).
    private static readonly (string MessagePrefix, string Reason)[] NotAuthorizationMessages =
    [
        ("Request has expired", "an expired presigned URL or signature"),
        ("There were headers present in the request which were not signed", "a signing error (headers added after signing)"),
        ("AWS authentication requires a valid Date or x-amz-date header", "a signing error (no request date)"),
    ];

    // Errors that carry an access-denied code but that no IAM statement fixes: Amazon Bedrock answers
    // AccessDeniedException when the account has no access to the model (model access not granted in this Region, the
    // Marketplace subscription missing or lapsed), listed by AWS re:Post ("Resolve InvokeModel API errors in Amazon
    // Bedrock") apart from IAM permission errors; and for a legacy model the account stopped using. Matched on the
    // message inside any SDK wrapper.
    private static readonly (string Phrase, string Remedy)[] NotIamMessages =
    [
        ("You don't have access to the model with the specified model ID",
            "Amazon Bedrock model access, not IAM: the account has no access to this model in this Region. Check that the model is offered in the Region called, that its model access is granted (Bedrock console, Model access), and for Marketplace models that the subscription is active; an IAM statement does not fix it."),
        ("Your account is not authorized to invoke this API operation",
            "Amazon Bedrock account-level model access, not IAM: the account may not invoke this model (model access not granted, or the model not offered in this Region). Grant model access in the Bedrock console for this Region; an IAM statement does not fix it."),
        ("This Model is marked by provider as Legacy",
            "Amazon Bedrock model lifecycle, not IAM: the model is legacy and the account has not used it recently. Move to an active model version; an IAM statement does not fix it."),
    ];

    // The access-denied family as each service's API reference documents its error codes (IAM User Guide, "Troubleshoot access denied error messages").
    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "accessdenied", "accessdeniedexception", "unauthorizedoperation", "clientunauthorizedoperation",
        "authorizationerror", "authorizationerrorexception", "forbidden", "forbiddenexception",
    };

    private static readonly string[] AuthenticationWords =
        ["authentication token", "security token", "signature", "credential"];

    private static readonly string[] NotAuthorizedPhrases = ["is not authorized to perform", "not authorized to"];

    private static readonly DetectionRule[] Rules =
    [
        new("no-error-code", (r, code) => code.Length == 0, DenialKind.NotDenied,
            _ => "No errorCode: the call succeeded."),
        // CreateFunction / UpdateFunctionConfiguration answer InvalidParameterValueException "The role defined for the
        // function cannot be assumed by Lambda." when the role's trust policy does not let lambda.amazonaws.com assume it:
        // a denial of sts:AssumeRole by the role's trust policy, though the code reads like a validation error.
        new("lambda-trust-policy-rejection",
            (r, _) => r.EventSource == "lambda.amazonaws.com"
                && AccessDeniedMessageParser.Parse(r.ErrorMessage)?.Shape == MessageShape.LambdaTrustPolicyRejection,
            DenialKind.ConfigurationTime,
            r => $"Lambda rejected {r.EventName} because it could not assume the function's role: the role's trust policy does not allow lambda.amazonaws.com."),
        new("lambda-execution-role-check",
            (r, _) => r.EventSource == "lambda.amazonaws.com"
                && AccessDeniedMessageParser.Parse(r.ErrorMessage)?.Shape == MessageShape.ConfigurationTime,
            DenialKind.ConfigurationTime,
            r => $"Lambda rejected {r.EventName} because the execution role lacks a permission it checks up front."),
        new("not-authorization", (r, code) => NotAuthorization.ContainsKey(code), DenialKind.NotDenied,
            r => $"errorCode {r.ErrorCode} is {NotAuthorization[ErrorCodes.Normalise(r.ErrorCode)]}, not an access denial."),
        new("vpc-endpoint", (r, code) => code == "vpceaccessdenied", DenialKind.AccessDenied,
            r => $"errorCode {r.ErrorCode}: a VPC endpoint policy denied the request."),
        // S3 HEAD and API Gateway answer 403 Forbidden for unsigned or badly signed requests too.
        new("forbidden-authentication",
            (r, code) => code is "forbidden" or "forbiddenexception" && MentionsAny(r.ErrorMessage, AuthenticationWords),
            DenialKind.NotDenied,
            r => $"errorCode {r.ErrorCode} with an authentication message is not an access denial."),
        new("signing-failure-message", (r, code) => code == "accessdenied" && SigningFailure(r.ErrorMessage) is not null,
            DenialKind.NotDenied,
            r => SigningFailure(r.ErrorMessage) is { } row
                ? $"errorCode {r.ErrorCode} with S3's message \"{row.MessagePrefix}\" is {row.Reason}, not an access denial: no policy was evaluated."
                : string.Empty),
        new("not-iam-denial", (r, code) => code.Contains("accessdenied", StringComparison.Ordinal) && NotIamRemedy(r.ErrorMessage) is not null,
            DenialKind.NotDenied,
            r => $"errorCode {r.ErrorCode} is not an IAM denial. {NotIamRemedy(r.ErrorMessage)}"),
        new("access-denied-code", (r, code) => AccessDeniedCodes.Contains(code), DenialKind.AccessDenied,
            r => $"errorCode {r.ErrorCode} is in the access-denied family."),
        new("access-denied-wildcard", (r, code) => code.Contains("accessdenied", StringComparison.Ordinal),
            DenialKind.AccessDenied, r => $"errorCode {r.ErrorCode} matches *AccessDenied*."),
        new("unauthorized-operation-wildcard", (r, code) => code.EndsWith("unauthorizedoperation", StringComparison.Ordinal),
            DenialKind.AccessDenied, r => $"errorCode {r.ErrorCode} matches *UnauthorizedOperation."),
        // Services with non-standard codes still use the IAM wording (Sigma-style '*not authorized*').
        new("not-authorized-message", (r, _) => MentionsAny(r.ErrorMessage, NotAuthorizedPhrases), DenialKind.AccessDenied,
            r => $"errorCode {r.ErrorCode} carries an IAM \"not authorized\" message."),
        new("other-error", (_, _) => true, DenialKind.NotDenied,
            r => $"errorCode {r.ErrorCode} is not in the access-denied family."),
    ];

    /// <summary>Names of the rules in evaluation order (for tests and documentation).</summary>
    internal static IReadOnlyList<string> RuleNames { get; } = Rules.Select(r => r.Name).ToArray();

    /// <summary>Classifies one record. Never throws for any field content; a null record is a programming error.</summary>
    public static DenialSignal Detect(CloudTrailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var code = ErrorCodes.Normalise(record.ErrorCode);
        var rule = Rules.First(r => r.Matches(record, code));
        return new DenialSignal(rule.Kind, rule.Reason(record)) { Rule = rule.Name };
    }

    private static (string MessagePrefix, string Reason)? SigningFailure(string? message)
    {
        var text = message?.TrimStart();
        foreach (var row in NotAuthorizationMessages)
        {
            if (text?.StartsWith(row.MessagePrefix, StringComparison.OrdinalIgnoreCase) == true)
            {
                return row;
            }
        }

        return null;
    }

    private static string? NotIamRemedy(string? message) =>
        message is null ? null : NotIamMessages.FirstOrDefault(m => message.Contains(m.Phrase, StringComparison.OrdinalIgnoreCase)).Remedy;

    /// <summary>The phrases of errors with an access-denied code that no IAM statement fixes (for tests).</summary>
    internal static IReadOnlyList<string> NotIamPhrases { get; } = NotIamMessages.Select(m => m.Phrase).ToArray();

    private static bool MentionsAny(string? text, string[] phrases) =>
        text is not null && phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
}
