namespace Denied.Resources;

/// <summary>
/// secretId: an ARN is kept; a name becomes <c>arn:...:secret:NAME-??????</c>, because Secrets Manager
/// appends six random characters to every secret ARN (Secrets Manager user guide, "Secret ARN"), and
/// the record does not say which.
/// </summary>
internal sealed class SecretsManagerRequestResource : IRequestResourceRule
{
    private const string RandomSuffix = "??????";

    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("secretsmanager") || context.String("secretId") is not { } secretId)
        {
            yield break;
        }

        if (secretId.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return ResourceCandidate.ForArn(secretId);
        }
        else
        {
            // Only the six '?' are a pattern; the name is record text and stays literal in a policy.
            yield return ResourceCandidate.ForType(
                "Secret",
                context.Values(("SecretId", secretId + "-" + RandomSuffix)),
                $"secretId is the name {secretId}: the ARN's six-character suffix is unknown, so the ARN ends in -?????? (each ? matches one character in a policy)")
                with { WildcardSuffixLength = RandomSuffix.Length };
        }
    }
}
