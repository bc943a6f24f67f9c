using System.Text.Json;

namespace Denied.Resources;

/// <summary>
/// The last resort: any top-level string parameter holding an ARN (topicArn, targetArn, stateMachineArn,
/// streamArn, roleArn, ...), in request order. The resolver keeps one only when it fits the ARN pattern
/// of a resource type the action is authorised on, so an unrelated ARN in the request is ignored.
/// </summary>
internal sealed class GenericArnRequestResource : IRequestResourceRule
{
    public IEnumerable<ResourceCandidate> Candidates(ResourceContext context)
    {
        foreach (var property in context.Parameters.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String &&
                property.Value.GetString() is { } value &&
                value.StartsWith("arn:", StringComparison.Ordinal))
            {
                yield return ResourceCandidate.ForArn(value);
            }
        }
    }
}
