using System.Net;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Denied.Store;

/// <summary>Sorts SDK failures into transient (retry later) and permanent, and wraps them with context.</summary>
internal static class DynamoErrors
{
    // Error codes AWS documents as retryable for DynamoDB (throughput, throttling, server side, transactions).
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "InternalServerErrorException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "TransactionConflictException",
        "TransactionInProgressException",
        "LimitExceededException",
    };

    public static bool IsTransient(Exception e) => e switch
    {
        TransactionCanceledException => true,
        AmazonServiceException s => (s.ErrorCode is { } code && TransientCodes.Contains(code))
            || (int)s.StatusCode >= 500 || s.StatusCode == HttpStatusCode.TooManyRequests,
        IOException or HttpRequestException or TimeoutException or TaskCanceledException => true,
        AmazonClientException => true, // the SDK's own network-level failures (no response)
        _ => false,
    };

    /// <summary>Transient, item rejected (ValidationException: the request's item or key itself is refused), or permanent.</summary>
    public static StoreFailure Classify(Exception e) =>
        IsTransient(e) ? StoreFailure.Transient
        : e is AmazonServiceException { ErrorCode: "ValidationException" } ? StoreFailure.ItemRejected
        : StoreFailure.Permanent;

    /// <summary>Runs one SDK call; any SDK or network failure comes out as <see cref="FindingStoreException"/>.</summary>
    public static async Task<T> Run<T>(string operation, string tableName, string? findingId, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or IOException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            throw new FindingStoreException(operation, tableName, findingId, Classify(e), e.Message, e);
        }
    }
}
