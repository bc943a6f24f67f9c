using Amazon.Runtime;

namespace Denied.AwsClients;

/// <summary>
/// Sends one <see cref="AwsRequest"/>: fetch credentials, sign at the clock's current instant, send, and on
/// failure map the response to <see cref="AwsServiceException"/> (operation + resource ARN) or retry it
/// per <see cref="AwsRetryPolicy"/>. Each attempt is signed afresh (new X-Amz-Date). Retrying after a
/// connection reset can repeat a call the service already executed; SNS delivery is at-least-once anyway.
/// </summary>
internal sealed class AwsHttpPipeline(
    HttpClient http, AwsCredentialsSource credentials, AwsRequestSigner signer, TimeProvider clock, AwsRetryPolicy retry)
{
    /// <summary>
    /// The pipeline of one hand-written client: checks the shared arguments, validates the retry policy
    /// (<see cref="AwsRetryPolicy.Default"/> when null) and signs as <paramref name="signingName"/> in
    /// <paramref name="signingRegion"/>; <paramref name="clock"/> is <see cref="TimeProvider.System"/> when null.
    /// </summary>
    public static AwsHttpPipeline For(
        HttpClient http, AwsCredentialsSource credentials, string signingRegion, string signingName, TimeProvider? clock, AwsRetryPolicy? retry)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        retry ??= AwsRetryPolicy.Default;
        retry.Validate();
        return new AwsHttpPipeline(http, credentials, new AwsRequestSigner(signingRegion, signingName), clock ?? TimeProvider.System, retry);
    }

    // Throttling codes across protocols (botocore's retry handler lists the same family).
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "SlowDown",
    };

    /// <summary>Returns the 2xx body; throws <see cref="AwsServiceException"/> once retries are spent or for a non-retryable error.</summary>
    public async Task<byte[]> SendAsync(AwsRequest request, Func<HttpResponseMessage, byte[], AwsErrorDetail> readError, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var failure = await AttemptAsync(request, readError, ct).ConfigureAwait(false);
            if (failure.Body is not null)
            {
                return failure.Body;
            }

            var error = failure.Error!;
            if (!error.IsTransient || attempt >= retry.MaxRetries)
            {
                throw error;
            }

            await retry.Delay(retry.DelayBefore(attempt), ct).ConfigureAwait(false);
        }
    }

    internal static bool IsTransient(int statusCode, string? errorCode) =>
        statusCode is 429 or >= 500 || (errorCode is not null && ThrottlingCodes.Contains(errorCode));

    private async Task<(byte[]? Body, AwsServiceException? Error)> AttemptAsync(
        AwsRequest request, Func<HttpResponseMessage, byte[], AwsErrorDetail> readError, CancellationToken ct)
    {
        ImmutableCredentials keys;
        try
        {
            keys = await credentials.GetCredentialsAsync(ct).ConfigureAwait(false);
        }
        catch (AmazonClientException ex)
        {
            return (null, new AwsServiceException(request.Operation, request.ResourceArn, 0, "NoCredentials", false, ex.Message, ex));
        }

        using var message = signer.Sign(request, keys, clock.GetUtcNow());
        try
        {
            using var response = await http.SendAsync(message, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (body, null);
            }

            var detail = readError(response, body);
            var status = (int)response.StatusCode;
            return (null, new AwsServiceException(
                request.Operation,
                request.ResourceArn,
                status,
                detail.Code,
                IsTransient(status, detail.Code),
                detail.Message ?? response.ReasonPhrase ?? "no error message"));
        }
        catch (HttpRequestException ex)
        {
            // Connection refused/reset, DNS, TLS: no response, so worth another attempt.
            var status = ex.StatusCode is { } s ? (int)s : 0;
            return (null, new AwsServiceException(request.Operation, request.ResourceArn, status, null, true, ex.Message, ex));
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed: the caller did not cancel.
            return (null, new AwsServiceException(
                request.Operation, request.ResourceArn, 0, null, true, "timed out after " + http.Timeout, ex));
        }
        catch (IOException ex)
        {
            return (null, new AwsServiceException(request.Operation, request.ResourceArn, 0, null, true, ex.Message, ex));
        }
    }
}
