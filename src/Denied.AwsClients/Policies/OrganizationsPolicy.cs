using System.Text.Json.Nodes;

namespace Denied.AwsClients.Policies;

/// <summary>A policy as DescribePolicy returns it: summary fields and the decoded Content.</summary>
public sealed record OrganizationsPolicy(string Id, string Arn, string Name, string Type, JsonObject Document);
