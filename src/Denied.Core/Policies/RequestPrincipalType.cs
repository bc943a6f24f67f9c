namespace Denied.Policies;

/// <summary>What made the request: a role session, a role (a simulation of the role itself), an IAM user, the account's root user, a federated user session, or an AWS service principal.</summary>
public enum RequestPrincipalType
{
    AssumedRole,
    Role,
    User,
    Root,
    FederatedUser,
    Service,
}
