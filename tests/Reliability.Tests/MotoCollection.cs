using Denied.TestSupport;

namespace Reliability.Tests;

/// <summary>One moto server for every integration test of this assembly (xunit wants the definition here).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
