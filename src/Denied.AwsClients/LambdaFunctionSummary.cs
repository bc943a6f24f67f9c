namespace Denied.AwsClients;

/// <summary>The fields of a ListFunctions entry the detector needs: which function, and which execution role it runs as.</summary>
public sealed record LambdaFunctionSummary(string FunctionName, string FunctionArn, string Role);
