using System.Text.Json.Nodes;
using Denied.AwsClients.Policies;
using Denied.Diagnostics;
using Denied.Policies;

namespace Denied.AwsClients.Tests.Policies;

/// <summary>
/// A collection as the policy files of a live evaluation: which layer each failed read leaves unseen, when the
/// resource policies count as read, and the note naming a failed read.
/// </summary>
public sealed class LivePolicyFilesTests
{
    private const string Role = "arn:aws:iam::123456789012:role/app/orders-fn";

    public static TheoryData<string, string?, string> FailedReads => new()
    {
        // read, name, layers it leaves unseen
        { "iam:GetRole", null, "permissions-boundary" },
        { "iam:ListRolePolicies", null, "identity-policy" },
        { "iam:GetRolePolicy", "read-orders", "identity-policy" },
        { "iam:ListAttachedRolePolicies", null, "identity-policy" },
        // The policy's ARN stays listed without a document, which the evaluation names unseen itself.
        { "iam:GetPolicy", null, "" },
        // The account then has no path: the evaluation names its layers unseen for that account only.
        { "organizations:ListParents", null, "" },
        { "organizations:ListPoliciesForTarget", "SERVICE_CONTROL_POLICY", "service-control-policy" },
        { "organizations:ListPoliciesForTarget", "RESOURCE_CONTROL_POLICY", "resource-control-policy" },
        { "organizations:DescribePolicy", "p-1234", "resource-control-policy,service-control-policy" },
        { "s3:GetBucketPolicy", null, "resource-policy" },
        { "kms:GetKeyPolicy", null, "resource-policy" },
    };

    [Theory]
    [MemberData(nameof(FailedReads))]
    public void AFailedReadLeavesItsLayerUnseen_AndIsNoted(string read, string? name, string layers)
    {
        var collection = Collection(new PolicyRead(read, Role, name, PolicyReadOutcome.Refused, "AccessDenied: not authorized"));

        var files = LivePolicyFiles.From(collection);

        Assert.Equal(PolicyEvaluation.LiveSource, files.Source);
        Assert.Equal(layers, string.Join(",", files.Unseen.Select(Codes.Of).Order(StringComparer.Ordinal)));
        var what = name is null ? Role : $"{Role} ({name})";
        Assert.Equal([$"Live policy read refused: {read} on {what}: AccessDenied: not authorized"], files.Notes);
    }

    [Theory]
    [InlineData(PolicyReadOutcome.Read, true)]
    [InlineData(PolicyReadOutcome.Absent, true)]
    [InlineData(PolicyReadOutcome.Failed, false)]
    [InlineData(PolicyReadOutcome.Refused, false)]
    public void ResourcePoliciesAreGiven_OnlyWhenEveryResourceReadSucceeded(PolicyReadOutcome outcome, bool given)
    {
        var files = LivePolicyFiles.From(Collection(new PolicyRead("s3:GetBucketPolicy", "arn:aws:s3:::orders", null, outcome, null)));

        Assert.Equal(given, files.ResourcePolicies is not null);
    }

    [Fact]
    public void NoResourceRead_LeavesTheResourcePoliciesOut_RatherThanClaimingNone()
    {
        var files = LivePolicyFiles.From(Collection());

        Assert.Null(files.ResourcePolicies);
        Assert.Null(files.OrganizationPolicies);
        Assert.Empty(files.Notes);
    }

    [Fact]
    public void ALongReasonIsCut()
    {
        var note = LivePolicyFiles.Note(new PolicyRead("iam:GetRole", Role, null, PolicyReadOutcome.Failed, new string('x', 5000)));

        Assert.True(note.Length < 500, note);
        Assert.EndsWith("…", note, StringComparison.Ordinal);
    }

    private static PolicyCollection Collection(params PolicyRead[] reads) =>
        new(new JsonObject { ["RoleDetailList"] = new JsonArray(), ["Policies"] = new JsonArray() }, new JsonObject(), null, reads);
}
