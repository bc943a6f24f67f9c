namespace Denied.Store;

/// <summary>A global secondary index of the findings table: partition key <paramref name="HashAttribute"/>, sort key lastSeen, projection ALL.</summary>
public sealed record FindingIndex(string Name, string HashAttribute);
