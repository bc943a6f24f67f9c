using Denied.Resources;

namespace Denied.Core.Tests.Resources;

public sealed class PartitionsTests
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-central-2", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData(null, "aws")]
    public void PartitionFollowsTheRegionPrefix(string? region, string partition) =>
        Assert.Equal(partition, Partitions.ForRegion(region));
}
