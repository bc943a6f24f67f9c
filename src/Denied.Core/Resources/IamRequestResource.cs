namespace Denied.Resources;

/// <summary>
/// IAM role calls name the role by roleName. The role ARN is arn:aws:iam::ACCOUNT:role/PATH/NAME; only
/// CreateRole carries the path (requestParameters.path), so otherwise the ARN is built without one and a note
/// says so (a role under a path, e.g. /service-role/, has that path in its ARN).
/// </summary>
internal sealed class IamRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("iam") || context.String("roleName") is not { } roleName)
        {
            yield break;
        }

        if (context.String("path") is { } path && path.StartsWith('/') && path.EndsWith('/'))
        {
            yield return ResourceCandidate.ForType("role", context.Values(("RoleNameWithPath", path[1..] + roleName)));
            yield break;
        }

        yield return ResourceCandidate.ForType("role", context.Values(("RoleNameWithPath", roleName)),
            $"the record names the role {roleName} but not its path: the ARN assumes the role has none (role/{roleName}); a role under a path (e.g. /service-role/) has the path in its ARN");
    }
}
