namespace Denied.LambdaRuntime;

/// <summary>One event taken from <c>/runtime/invocation/next</c>: its body and its context.</summary>
internal sealed record RuntimeInvocation(byte[] Body, InvocationContext Context);
