namespace Denied.Policies;

/// <summary>A policy document with where it came from.</summary>
public sealed record SourcedPolicy(PolicySource Source, PolicyDocument Document);
