namespace Denied.Policies;

/// <summary>
/// One parsed policy document. <see cref="Version"/> is as written (null when absent); policy variables
/// are substituted only under "2012-10-17" (IAM JSON policy reference: Version: with "2008-10-17" or no
/// Version, "${aws:username}" is a literal string).
/// </summary>
public sealed record PolicyDocument(string? Version, string? Id, IReadOnlyList<PolicyStatement> Statements)
{
    public const string CurrentVersion = "2012-10-17";

    public bool SubstitutesVariables => Version == CurrentVersion;
}
