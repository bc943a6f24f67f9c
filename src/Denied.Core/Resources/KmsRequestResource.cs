namespace Denied.Resources;

/// <summary>
/// keyId: a key or alias ARN is kept as given; a key ID (or "mrk-" multi-Region key ID) -> the key ARN;
/// "alias/NAME" -> the alias ARN, but only for actions authorised on the alias (CreateAlias, ...).
/// Cryptographic operations called through an alias are authorised on the key the alias points to
/// (KMS developer guide, "Using aliases to control access"), and the record does not carry that key,
/// so for them the alias yields a note instead of a wrong ARN.
/// </summary>
internal sealed class KmsRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("kms") || (context.String("keyId") ?? context.String("sourceKeyId")) is not { } keyId)
        {
            yield break;
        }

        if (keyId.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return ResourceCandidate.ForArn(keyId);
        }
        else if (keyId.StartsWith("alias/", StringComparison.Ordinal))
        {
            yield return ResourceCandidate.ForType("alias", context.Values(("Alias", keyId["alias/".Length..])));
            if (!context.Action.ResourceTypes.Any(t => t.Name == "alias"))
            {
                yield return ResourceCandidate.NoteOnly(
                    $"keyId is the alias {keyId}: {context.Action.FullName} is authorised on the key it points to, whose ARN the record does not carry (a policy can match the alias with the kms:RequestAlias condition)");
            }
        }
        else
        {
            yield return ResourceCandidate.ForType("key", context.Values(("KeyId", keyId)));
        }
    }
}
