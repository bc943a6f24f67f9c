namespace Denied.Resources;

/// <summary>
/// functionName in any form the Lambda API accepts (Lambda API reference, "FunctionName"): a name
/// ("f"), a name with qualifier ("f:prod"), a partial ARN ("123456789012:function:f") or a full ARN,
/// plus an optional qualifier parameter -> the function ARN, qualified when the call was (a call to
/// a version or alias is authorised on the qualified ARN). layerName + versionNumber -> the layer
/// version ARN.
/// </summary>
internal sealed class LambdaRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("lambda"))
        {
            yield break;
        }

        if (context.String("functionName") is { } function && FunctionArn(context, function, context.String("qualifier")) is { } arn)
        {
            yield return ResourceCandidate.ForArn(arn);
        }

        if (context.String("layerName") is { } layer && context.String("versionNumber") is { } version)
        {
            yield return layer.StartsWith("arn:", StringComparison.Ordinal)
                ? ResourceCandidate.ForArn($"{layer}:{version}")
                : ResourceCandidate.ForType("layerVersion", context.Values(("LayerName", layer), ("LayerVersion", version)));
        }
    }

    private static string? FunctionArn(ResourceContext context, string function, string? qualifier)
    {
        string? account = context.Account;
        string name;
        string? inlineQualifier = null;
        var parts = function.Split(':');
        if (function.StartsWith("arn:", StringComparison.Ordinal))
        {
            // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
            if (parts.Length is < 7 or > 8 || parts[5] != "function")
            {
                return null;
            }

            return qualifier is null || parts.Length == 8 ? function : $"{function}:{qualifier}";
        }

        if (parts.Length >= 3 && parts[1] == "function")
        {
            // ACCOUNT:function:NAME[:QUALIFIER]
            (account, name, inlineQualifier) = (parts[0], parts[2], parts.Length > 3 ? parts[3] : null);
        }
        else
        {
            // NAME[:QUALIFIER]
            (name, inlineQualifier) = (parts[0], parts.Length > 1 ? parts[1] : null);
        }

        if (context.Region is null || account is null || name.Length == 0)
        {
            return null;
        }

        var q = inlineQualifier ?? qualifier;
        var arn = $"arn:{context.Partition}:lambda:{context.Region}:{account}:function:{name}";
        return q is null ? arn : $"{arn}:{q}";
    }
}
