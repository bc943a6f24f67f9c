namespace Denied.Resources;

/// <summary>
/// Bedrock runtime calls (InvokeModel, Converse and their streaming forms) name the model in modelId: an ARN
/// (provisioned model, imported model, application inference profile, ...) is taken as is; a cross-Region
/// inference profile ID ("us.anthropic...") gives the inference-profile ARN in the caller's account; any other
/// ID is a foundation model, whose ARN has no account (arn:aws:bedrock:REGION::foundation-model/ID,
/// Service Authorization Reference).
/// </summary>
internal sealed class BedrockRequestResource : IRequestResourceRule
{
    // The geography prefixes of system-defined cross-Region inference profile IDs (Bedrock user guide,
    // "Supported Regions and models for inference profiles").
    private static readonly string[] InferenceProfileGeographies = ["us", "us-gov", "eu", "apac", "jp", "au", "ca", "global"];

    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        if (!context.Is("bedrock") || context.String("modelId") is not { } modelId)
        {
            yield break;
        }

        if (modelId.StartsWith("arn:", StringComparison.Ordinal))
        {
            yield return ResourceCandidate.ForArn(modelId);
            yield break;
        }

        var dot = modelId.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && InferenceProfileGeographies.Contains(modelId[..dot], StringComparer.OrdinalIgnoreCase))
        {
            yield return ResourceCandidate.ForType("inference-profile", context.Values(("ResourceId", modelId)),
                $"a cross-Region inference profile also needs the same action on the foundation model in each Region it routes to (arn:{context.Partition}:bedrock:REGION::foundation-model/{modelId[(dot + 1)..]})");
            yield break;
        }

        yield return ResourceCandidate.ForType("foundation-model", context.Values(("ResourceId", modelId)));
    }
}
