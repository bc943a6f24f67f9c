using static Denied.Remediation.ShellQuote;

namespace Denied.Remediation;

/// <summary>
/// The note that points at AWS's own evaluation of a denial that carries an authorization ID (IAM UG "Troubleshoot
/// access denied errors with an authorization ID"; IAM Toolbox API reference, GetRequestAuthorizationDetails): the
/// policies and statements that decided, kept for at least 24 hours after the denial, in the Region of the call.
/// </summary>
internal static class AuthorizationDetails
{
    /// <summary>The documented ID pattern is [0-9a-z]+; AWS's own example uses capitals too. Bounded.</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= 256 } && id.All(char.IsAsciiLetterOrDigit);

    public static void AddNote(List<string> notes, FixRequest request)
    {
        if (request.AuthorizationId is not { } id)
        {
            return;
        }

        var region = request.Region is { Length: > 0 } r ? " --region " + Quote(r) : string.Empty;
        notes.Add("AWS recorded its own evaluation of this request under authorization ID " + id + ": aws iam-toolbox get-request-authorization-details"
            + region + " --authorization-id " + Quote(id) + " lists the policies and statements that decided (and the request's condition keys). "
            + "It is available for about 24 hours after the denial, needs the permission iam:GetRequestAuthorizationDetails, and may answer not-found for a few minutes at first: the record is written asynchronously.");
    }
}
