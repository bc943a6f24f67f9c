using Denied.Diagnostics;

namespace Denied.Remediation;

/// <summary>
/// Builds the least-privilege fix for one denial (the last step of a diagnosis). Pure and
/// deterministic: the same request always gives the same fix, byte for byte.
/// </summary>
public static class FixBuilder
{
    /// <summary>
    /// An explicit deny (any layer), and any SCP or RCP denial, gets <see cref="FixTarget.None"/> and no Allow: an
    /// Allow cannot override a deny, and an SCP/RCP message reads "explicit deny" even when the SCP merely lacks an
    /// Allow. Everything else gets statements no broader than the denied action and resource, plus companions.
    /// </summary>
    public static Fix Build(FixRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clean = Clean(request);
        if (clean.WithheldReason is { } withheld)
        {
            return NotesWithAuthorization(clean, withheld);
        }

        if (clean.Action is null)
        {
            return NotesWithAuthorization(clean, "The denied action could not be told from the record, so no statement is suggested: granting more than the denied action would not be least privilege. The errorMessage and eventName of the record name the call.");
        }

        if (ActionName.TryParse(clean.Action) is not { } action)
        {
            return NotesWithAuthorization(clean, "The recorded action is not a single IAM action (it is malformed or holds a wildcard), so no statement is suggested.");
        }

        var draft = clean.Layer switch
        {
            DenialLayer.ServiceControlPolicy or DenialLayer.ResourceControlPolicy => DenyFixes.For(clean, action),
            _ when clean.ExplicitDeny == true => DenyFixes.For(clean, action),
            DenialLayer.IdentityPolicy => RoleFixes.Identity(clean, action),
            DenialLayer.Unknown => RoleFixes.Guess(clean, action),
            DenialLayer.PermissionsBoundary => RoleFixes.Boundary(clean, action),
            DenialLayer.SessionPolicy => RoleFixes.Session(clean, action),
            DenialLayer.ResourcePolicy => ResourcePolicyFixes.Grant(clean, action),
            DenialLayer.VpcEndpointPolicy => ResourcePolicyFixes.Endpoint(clean, action),
            _ => throw new ArgumentOutOfRangeException(nameof(request), clean.Layer, "Unknown denial layer."),
        };
        AuthorizationDetails.AddNote(draft.Notes, clean);
        return draft.ToFix();
    }

    private static Fix NotesWithAuthorization(FixRequest request, string note)
    {
        var notes = new List<string> { note };
        AuthorizationDetails.AddNote(notes, request);
        return new Fix { Target = FixTarget.None, Notes = notes };
    }

    private static FixRequest Clean(FixRequest r) => r with
    {
        Action = InputText.Clean(r.Action),
        Resource = InputText.Clean(r.Resource),
        DenyingPolicyArn = InputText.Clean(r.DenyingPolicyArn),
        RoleArn = InputText.Clean(r.RoleArn),
        FunctionName = InputText.Clean(r.FunctionName),
        Account = InputText.Clean(r.Account),
        Region = InputText.Clean(r.Region),
        CallerPrincipal = InputText.Clean(r.CallerPrincipal),
        SourceArn = InputText.Clean(r.SourceArn),
        ResourceAccount = InputText.Clean(r.ResourceAccount),
        MessagePrincipal = InputText.Clean(r.MessagePrincipal),
        WithheldReason = InputText.Clean(r.WithheldReason),
        AuthorizationId = AuthorizationDetails.IsId(r.AuthorizationId) ? r.AuthorizationId : null,
        EncryptedResourceCall = InputText.Clean(r.EncryptedResourceCall),
    };
}
