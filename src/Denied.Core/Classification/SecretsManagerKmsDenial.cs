using Denied.CloudTrail;

namespace Denied.Classification;

/// <summary>
/// Secrets Manager's "Access to KMS is not allowed" (<see cref="MessageShape.KmsAccessNotAllowed"/>): Secrets Manager
/// was allowed, but KMS refused the call it made with the caller's credentials and the secret's key. The denied
/// action is the KMS one: Decrypt to read a value, GenerateDataKey to store a new one (Secrets Manager UG, "Secret
/// encryption and decryption"). Neither the record nor the message names the key.
/// </summary>
internal static class SecretsManagerKmsDenial
{
    private static readonly (string EventName, string Action)[] Actions =
    [
        ("GetSecretValue", "kms:Decrypt"),
        ("BatchGetSecretValue", "kms:Decrypt"),
        ("CreateSecret", "kms:GenerateDataKey"),
        ("PutSecretValue", "kms:GenerateDataKey"),
        ("UpdateSecret", "kms:GenerateDataKey"),
    ];

    /// <summary>The KMS action behind the refused call, or null when the message is another form or the call is not listed.</summary>
    public static string? Action(CloudTrailRecord record, ParsedDenialMessage? message)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (message?.Shape != MessageShape.KmsAccessNotAllowed || record.EventSource != "secretsmanager.amazonaws.com")
        {
            return null;
        }

        return Actions.FirstOrDefault(row => row.EventName == record.EventName).Action;
    }

    /// <summary>What the user must look up, since the record cannot tell which key refused.</summary>
    public static string Note(string? kmsAction) =>
        "Secrets Manager reports \"Access to KMS is not allowed\" when KMS refuses the call it makes with the caller's credentials: "
        + $"the denied permission is {kmsAction ?? "a KMS action"} on the secret's KMS key, not a Secrets Manager permission. "
        + "The record does not name the key; find it with aws secretsmanager describe-secret --secret-id SECRET --query KmsKeyId, "
        + "then allow the action on that key ARN in the execution role and check that the key policy allows the role too.";
}
