namespace Denied.Policies;

/// <summary>The SCPs or RCPs attached at one level of an organization (the root, an OU, or the account), identified by its target id.</summary>
public sealed record OrganizationLevel(string TargetId, IReadOnlyList<SourcedPolicy> Policies);
