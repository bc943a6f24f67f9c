using Denied.TestSupport;

namespace Denied.Store.Tests.Support;

/// <summary>One moto server for every storage test (xunit wants the definition in this assembly).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
