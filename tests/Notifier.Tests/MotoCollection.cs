using Denied.TestSupport;

namespace Notifier.Tests;

/// <summary>One moto server for the Notifier's integration tests.</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
