namespace Denied.LambdaRuntime;

/// <summary>
/// Handles one invocation: receives the raw event bytes and returns the response body (UTF-8 JSON).
/// An exception becomes a <c>/invocation/{id}/error</c> post of type <c>Runtime.&lt;ExceptionTypeName&gt;</c>.
/// <paramref name="ct"/> is cancelled at the invocation deadline or when the loop is stopped.
/// </summary>
public delegate Task<byte[]> InvocationHandler(ReadOnlyMemory<byte> eventBody, InvocationContext context, CancellationToken ct);
