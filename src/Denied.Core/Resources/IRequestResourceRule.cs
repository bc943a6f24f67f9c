namespace Denied.Resources;

/// <summary>
/// Derives resource candidates for one service family from a record's requestParameters. Rules run
/// in the order of <see cref="RequestResourceRules.All"/>, most specific first; the first candidate
/// that fits the action wins. A rule yields nothing for services it does not know.
/// </summary>
internal interface IRequestResourceRule
{
    IEnumerable<ResourceCandidate> Candidates(ResourceContext context);
}
