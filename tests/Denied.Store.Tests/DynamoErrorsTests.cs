using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Denied.Store.Tests;

public sealed class DynamoErrorsTests
{
    public static TheoryData<Exception, bool> Cases => new()
    {
        { new ProvisionedThroughputExceededException("slow down") { ErrorCode = "ProvisionedThroughputExceededException" }, true },
        { new AmazonDynamoDBException("throttled") { ErrorCode = "ThrottlingException", StatusCode = HttpStatusCode.BadRequest }, true },
        { new InternalServerErrorException("oops") { StatusCode = HttpStatusCode.InternalServerError }, true },
        { new AmazonDynamoDBException("unavailable") { StatusCode = HttpStatusCode.ServiceUnavailable }, true },
        { new IOException("reset"), true },
        { new HttpRequestException("refused"), true },
        { new TaskCanceledException("timeout"), true },
        { new ResourceNotFoundException("no table") { ErrorCode = "ResourceNotFoundException", StatusCode = HttpStatusCode.BadRequest }, false },
        { new AmazonDynamoDBException("bad") { ErrorCode = "ValidationException", StatusCode = HttpStatusCode.BadRequest }, false },
        { new AmazonDynamoDBException("no") { ErrorCode = "AccessDeniedException", StatusCode = HttpStatusCode.BadRequest }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FailuresAreSortedIntoTransientAndPermanent(Exception e, bool transient) =>
        Assert.Equal(transient, DynamoErrors.IsTransient(e));

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
