using Denied.Detector.LivePolicies;

namespace Detector.Tests.LivePolicies;

/// <summary>A resource is cached and read by the ARN whose policy governs it; a service without a reader is never read.</summary>
public sealed class PolicyHolderTests
{
    [Theory]
    [InlineData("arn:aws:s3:::acme-orders/invoices/2026/inv-1.pdf", "arn:aws:s3:::acme-orders")]
    [InlineData("arn:aws:s3:::acme-orders", "arn:aws:s3:::acme-orders")]
    [InlineData("arn:aws:dynamodb:us-east-1:111122223333:table/reports/index/byDate", "arn:aws:dynamodb:us-east-1:111122223333:table/reports")]
    [InlineData("arn:aws:dynamodb:us-east-1:111122223333:table/reports/stream/2026-11-20T10:00:00.000", "arn:aws:dynamodb:us-east-1:111122223333:table/reports/stream/2026-11-20T10:00:00.000")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e", "arn:aws:kms:us-east-1:111122223333:key/8f0c7a2e")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:orders:live", "arn:aws:lambda:us-east-1:111122223333:function:orders:live")]
    [InlineData("arn:aws:xray:us-east-1:111122223333:group/default", null)]
    [InlineData("*", null)]
    [InlineData("arn:aws:s3", null)]
    public void HolderOfAResource(string resource, string? holder) => Assert.Equal(holder, PolicyHolder.Of(resource));
}
