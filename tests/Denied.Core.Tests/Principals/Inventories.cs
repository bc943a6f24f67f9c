using Denied.Core.Tests.Fixtures;
using Denied.Principals;

namespace Denied.Core.Tests.Principals;

/// <summary>The fixture inventory (Fixtures/records/inventory-list-functions.json).</summary>
internal static class Inventories
{
    public static FunctionInventory Fixture()
    {
        using var stream = File.OpenRead(Fixtures.Fixture.PathOf("inventory-list-functions.json"));
        return FunctionInventory.Parse(stream);
    }
}
