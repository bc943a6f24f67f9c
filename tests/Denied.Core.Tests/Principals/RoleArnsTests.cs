using Denied.Principals;

namespace Denied.Core.Tests.Principals;

public sealed class RoleArnsTests
{
    private const string Session = "arn:aws:sts::111122223333:assumed-role/orders-api-role/orders-api";

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/orders-api-role", true)]
    [InlineData("arn:aws:iam::111122223333:role/service-role/orders-api-role", true)] // the path is the issuer's alone
    [InlineData("arn:aws:iam::111122223333:role/a/../orders-api-role", true)] // a dotted path still names this role
    [InlineData("arn:aws:iam::111122223333:role/service/orders-api-role/../../admin", false)] // the last segment names admin
    [InlineData("arn:aws:iam::999988887777:role/orders-api-role", false)] // another account
    [InlineData("arn:aws-cn:iam::111122223333:role/orders-api-role", false)] // another partition
    [InlineData("arn:aws:iam::111122223333:role/Orders-Api-Role", false)] // ordinal: AWS spells both alike
    [InlineData("arn:aws:iam:us-east-1:111122223333:role/orders-api-role", false)] // IAM ARNs have no region
    [InlineData("arn:aws:sts::111122223333:assumed-role/orders-api-role/admin", false)] // STS form: its last segment is a session
    [InlineData("arn:aws:iam::111122223333:user/orders-api-role", false)]
    [InlineData("arn:aws:iam::111122223333:role/", false)]
    [InlineData(" arn:aws:iam::111122223333:role/orders-api-role", false)] // no trimming: the value is used as written
    [InlineData("aws:111122223333:orders-api-role", false)] // a comparison key, not an ARN
    [InlineData("", false)]
    public void IsRoleOfSession_MatchesPartitionAccountAndNameExactly(string issuer, bool expected) =>
        Assert.Equal(expected, RoleArns.IsRoleOfSession(issuer, Session));

    [Theory]
    [InlineData("arn:aws:sts::111122223333:assumed-role/orders-api-role/a/b", true)] // a session name with '/' leaves the role segment alone
    [InlineData("arn:aws:sts:us-east-1:111122223333:assumed-role/orders-api-role/orders-api", false)]
    [InlineData("arn:aws:sts::111122223333:assumed-role//orders-api", false)]
    [InlineData("arn:aws:sts::111122223333:federated-user/orders-api-role", false)]
    [InlineData("arn:aws:iam::111122223333:role/orders-api-role", false)]
    public void IsRoleOfSession_ReadsTheRoleFromTheSegmentAfterAssumedRole(string session, bool expected) =>
        Assert.Equal(expected, RoleArns.IsRoleOfSession("arn:aws:iam::111122223333:role/service/orders-api-role", session));
}
