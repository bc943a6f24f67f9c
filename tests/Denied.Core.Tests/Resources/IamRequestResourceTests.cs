using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class IamRequestResourceTests
{
    [Theory]
    [InlineData("iam:GetRole", """{"roleName":"other-role"}""", "arn:aws:iam::123456789012:role/other-role")]
    [InlineData("iam:PutRolePolicy", """{"roleName":"other-role","policyName":"p"}""", "arn:aws:iam::123456789012:role/other-role")]
    [InlineData("iam:CreateRole", """{"roleName":"r","path":"/service-role/"}""", "arn:aws:iam::123456789012:role/service-role/r")]
    [InlineData("iam:CreateRole", """{"roleName":"r","path":"/"}""", "arn:aws:iam::123456789012:role/r")]
    public void RoleNameGivesTheRoleArn(string action, string requestParameters, string expected)
    {
        var resolution = Resolve.FromParameters(action, requestParameters);
        Assert.Equal((expected, ResourceResolver.FromRequestParameters), (resolution.Resource, resolution.Source));
    }

    [Fact]
    public void RoleNameWithoutPathSaysThePathIsUnknown() =>
        Assert.Contains(Resolve.FromParameters("iam:GetRole", """{"roleName":"other-role"}""").Notes, n => n.Contains("path", StringComparison.Ordinal));

    [Fact]
    public void RoleNameIsNotUsedForAnActionOnAnotherResourceType() =>
        Assert.Null(Resolve.FromParameters("iam:GetUser", """{"roleName":"other-role"}""").Resource);
}
