namespace Denied.AwsClients;

/// <summary>The account's Lambda functions in this region, all pages. Implemented by <see cref="LambdaListFunctionsClient"/>, cached by <see cref="CachedLambdaInventory"/>.</summary>
public interface LambdaInventory
{
    /// <summary>Every function; throws <see cref="AwsServiceException"/> with Operation <c>ListFunctions</c>.</summary>
    Task<IReadOnlyList<LambdaFunctionSummary>> ListFunctionsAsync(CancellationToken ct);
}
