namespace Denied.LambdaRuntime.Tests;

/// <summary>Tests that read or write process environment variables run one at a time.</summary>
[CollectionDefinition("environment", DisableParallelization = true)]
public sealed class EnvironmentCollection;
