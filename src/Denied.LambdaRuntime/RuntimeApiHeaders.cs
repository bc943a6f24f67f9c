namespace Denied.LambdaRuntime;

/// <summary>Header names of the Lambda Runtime API (runtime-api.yaml, 2018-06-01).</summary>
internal static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    /// <summary>The environment variable the X-Ray SDKs read the current trace header from.</summary>
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";

    /// <summary>host:port of the Runtime API, set by Lambda for custom runtimes.</summary>
    public const string RuntimeApiEnvironmentVariable = "AWS_LAMBDA_RUNTIME_API";
}
