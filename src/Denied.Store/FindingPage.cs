using Denied.Findings;

namespace Denied.Store;

/// <summary>One page of a findings query, newest first. Pass <paramref name="NextPageToken"/> back for the next page; null means no more.</summary>
public sealed record FindingPage(IReadOnlyList<Finding> Items, string? NextPageToken);
