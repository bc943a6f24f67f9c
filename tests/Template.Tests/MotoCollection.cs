using Denied.TestSupport;

namespace Template.Tests;

/// <summary>Tests that need the moto server share one process; xunit runs this collection serially.</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;
