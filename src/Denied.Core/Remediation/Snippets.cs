namespace Denied.Remediation;

/// <summary>The same fix in each tool a team may deploy with; the keys are a public contract.</summary>
internal static class Snippets
{
    public static IReadOnlyDictionary<string, string> For(FixDraft draft) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["sam"] = SamSnippet.Render(draft),
        ["cloudformation"] = CloudFormationSnippet.Render(draft),
        ["serverless"] = ServerlessSnippet.Render(draft),
        ["terraform"] = TerraformSnippet.Render(draft),
        ["cdk"] = CdkSnippet.Render(draft),
    };
}
