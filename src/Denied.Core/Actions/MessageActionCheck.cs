using Denied.CloudTrail;
using Denied.Iam;

namespace Denied.Actions;

/// <summary>
/// A note when the action the message names is not the action the call maps to. The message wins, because it names the
/// action AWS evaluated, and a call can legitimately need another action than its own: kms:Decrypt to read an SSE-KMS
/// object, iam:PassRole to hand a role to a service, s3:PutObjectAcl for a PutObject with an ACL. So the diagnosis is
/// kept; the note lets a reader see the difference, which in a record that needs no such action means it was altered.
/// </summary>
internal static class MessageActionCheck
{
    public static string? Note(CloudTrailRecord record, string? messageAction, IamCatalog catalog)
    {
        if (messageAction is null || ActionResolver.EventAction(record, catalog) is not { } mapped
            || string.Equals(mapped.FullName, messageAction, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"the message names {messageAction}, while the call {record.EventSource} {record.EventName} maps to {mapped.FullName}: the fix follows the message, which names the action AWS evaluated (a call can need another service's action, such as kms:Decrypt for an SSE-KMS object or iam:PassRole for a role handed to a service); if this call needs no such action, the record was altered";
    }
}
