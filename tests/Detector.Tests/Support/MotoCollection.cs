using Denied.TestSupport;

namespace Detector.Tests.Support;

/// <summary>One moto server for every Detector test that talks to AWS (xunit wants the definition in this assembly).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
