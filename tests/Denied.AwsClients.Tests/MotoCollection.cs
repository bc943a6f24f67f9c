using Denied.TestSupport;

namespace Denied.AwsClients.Tests;

/// <summary>One moto server for every test in the "moto" collection (xunit wants the definition in this assembly).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
