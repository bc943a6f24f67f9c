using System.Text;
using Denied.Principals;

namespace Denied.Core.Tests.Principals;

public class FunctionInventoryTests
{
    [Fact]
    public void Parse_ListFunctionsOutput_ReadsEveryFunction()
    {
        var inventory = Inventories.Fixture();

        Assert.Equal(8, inventory.Count);
        Assert.Equal("arn:aws:iam::111122223333:role/service-role/orders-api-role-8KQ2ZP", inventory.ByName("orders-api")?.RoleArn);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/app/reports/report-builder-role")]
    [InlineData("arn:aws:iam::111122223333:role/report-builder-role")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/report-builder-role/report-builder")]
    [InlineData(" arn:aws:iam::111122223333:role/app/reports/report-builder-role ")]
    public void FunctionsForRole_MatchesWithOrWithoutPathAndFromSessionArn(string roleArn) =>
        Assert.Equal(["report-builder", "report-mailer"], Inventories.Fixture().FunctionsForRole(roleArn).Select(f => f.Name));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/Report-Builder-Role")]
    [InlineData("arn:aws:iam::444455556666:role/app/reports/report-builder-role")]
    [InlineData("arn:aws-cn:iam::111122223333:role/app/reports/report-builder-role")]
    public void FunctionsForRole_IsCaseSensitiveAndScopedToPartitionAndAccount(string roleArn) =>
        Assert.Empty(Inventories.Fixture().FunctionsForRole(roleArn));

    [Theory]
    [InlineData("thumbnailer")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:thumbnailer")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:thumbnailer:prod")]
    [InlineData("111122223333:function:thumbnailer")]
    [InlineData("thumbnailer:7")]
    public void ByName_AcceptsEveryFormLambdaAccepts(string nameOrArn) =>
        Assert.Equal("thumbnailer", Inventories.Fixture().ByName(nameOrArn)?.Name);

    [Fact]
    public void ByName_UnknownFunction_ReturnsNull() => Assert.Null(Inventories.Fixture().ByName("nope"));

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "\"Functions\" array")]
    [InlineData("{\"Functions\":{}}", "\"Functions\" array")]
    [InlineData("{\"Functions\":[{\"FunctionName\":\"a\",\"FunctionArn\":\"arn:aws:lambda:us-east-1:1:function:a\"}]}", "Functions[0] has no \"Role\" string")]
    [InlineData("{\"Functions\":[{\"FunctionName\":\"a\",\"FunctionArn\":\"x\",\"Role\":\"r\"},7]}", "Functions[1] has no \"FunctionName\" string")]
    public void Parse_BadInput_ThrowsFormatExceptionNamingTheProblem(string json, string expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<FormatException>(() => FunctionInventory.Parse(stream));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Entries_BuildsTheSameLookups()
    {
        var inventory = FunctionInventory.From([new FunctionEntry("a", "arn:aws:lambda:us-east-1:111122223333:function:a", "arn:aws:iam::111122223333:role/x/r")]);

        Assert.Equal(1, inventory.Count);
        Assert.Single(inventory.FunctionsForRole("arn:aws:iam::111122223333:role/x/r"));
    }
}
