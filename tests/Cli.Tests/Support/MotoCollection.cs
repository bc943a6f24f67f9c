using Denied.TestSupport;

namespace Cli.Tests.Support;

/// <summary>One moto server for the CLI tests that talk to AWS (xunit wants the definition in this assembly).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
