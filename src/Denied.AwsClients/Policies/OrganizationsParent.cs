namespace Denied.AwsClients.Policies;

/// <summary>One entry of ListParents: the parent's id (<c>r-…</c> or <c>ou-…</c>) and type (<c>ROOT</c>, <c>ORGANIZATIONAL_UNIT</c>).</summary>
public sealed record OrganizationsParent(string Id, string Type);
