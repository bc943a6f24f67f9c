using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>
/// The policy of one resource: the ARN of the resource that holds it (the bucket for an object, the table for an
/// index), the document when one was read, and the read itself.
/// </summary>
public sealed record ResourcePolicyRead(string PolicyArn, JsonObject? Document, PolicyRead Read);
