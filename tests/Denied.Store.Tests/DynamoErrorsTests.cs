using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Denied.Store.Tests;

public sealed class DynamoErrorsTests
{
    public static TheoryData<Exception, StoreFailure> Cases => new()
    {
        { new ProvisionedThroughputExceededException("slow down") { ErrorCode = "ProvisionedThroughputExceededException" }, StoreFailure.Transient },
        { new AmazonDynamoDBException("throttled") { ErrorCode = "ThrottlingException", StatusCode = HttpStatusCode.BadRequest }, StoreFailure.Transient },
        { new InternalServerErrorException("oops") { StatusCode = HttpStatusCode.InternalServerError }, StoreFailure.Transient },
        { new AmazonDynamoDBException("unavailable") { StatusCode = HttpStatusCode.ServiceUnavailable }, StoreFailure.Transient },
        { new IOException("reset"), StoreFailure.Transient },
        { new HttpRequestException("refused"), StoreFailure.Transient },
        { new TaskCanceledException("timeout"), StoreFailure.Transient },
        { new ResourceNotFoundException("no table") { ErrorCode = "ResourceNotFoundException", StatusCode = HttpStatusCode.BadRequest }, StoreFailure.Permanent },
        { new AmazonDynamoDBException("bad") { ErrorCode = "ValidationException", StatusCode = HttpStatusCode.BadRequest }, StoreFailure.ItemRejected },
        { new AmazonDynamoDBException("no") { ErrorCode = "AccessDeniedException", StatusCode = HttpStatusCode.BadRequest }, StoreFailure.Permanent },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FailuresAreSortedIntoTransientPermanentAndItemRejected(Exception e, StoreFailure failure)
    {
        Assert.Equal(failure, DynamoErrors.Classify(e));
        Assert.Equal(failure == StoreFailure.Transient, DynamoErrors.IsTransient(e));
    }

    [Fact]
    public async Task WrappedFailureNamesOperationTableAndFinding()
    {
        var e = await Assert.ThrowsAsync<FindingStoreException>(() => DynamoErrors.Run<int>("UpdateItem", "t", "abc",
            () => throw new AmazonDynamoDBException("throttled") { ErrorCode = "ThrottlingException" }, CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Equal("UpdateItem", e.Operation);
        Assert.Contains("table 't' for finding abc", e.Message, StringComparison.Ordinal);
        Assert.IsType<AmazonDynamoDBException>(e.InnerException);
    }

    [Fact]
    public void ClientSideFailuresWithoutAResponseAreTransient() =>
        Assert.True(DynamoErrors.IsTransient(new AmazonClientException("connection closed")));
}
