using System.Text.Json.Nodes;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;

namespace Denied.Core.Tests.Remediation;

/// <summary>
/// A plain S3 "Access Denied": since August 21, 2024 S3 gives same-account (later same-organization) requests the
/// enhanced message (S3 UG "Troubleshoot access denied (403 Forbidden) errors"), so a plain one points outside.
/// </summary>
public sealed class PlainS3DenialTests
{
    // eventTime, owner named in resources[] (null: not named), expected target, whether the note explains the date
    [Theory]
    [InlineData("2025-03-14T10:22:41Z", null, FixTarget.Both, true)]
    [InlineData("2024-08-21T00:00:00Z", null, FixTarget.Both, true)]
    [InlineData("2024-08-20T23:59:59Z", null, FixTarget.ExecutionRole, false)]
    [InlineData("2023-01-05T10:00:00Z", null, FixTarget.ExecutionRole, false)]
    [InlineData("2025-03-14T10:22:41Z", "111122223333", FixTarget.ExecutionRole, false)]
    [InlineData("2023-01-05T10:00:00Z", "111122223333", FixTarget.ExecutionRole, false)]
    [InlineData("2025-03-14T10:22:41Z", "444455556666", FixTarget.Both, false)]
    [InlineData("not a time", null, FixTarget.ExecutionRole, false)]
    public void PlainAccessDenied_ByDateAndNamedOwner(string eventTime, string? owner, FixTarget target, bool outsideNote)
    {
        var record = Fixture.Record("s3-getobject-plain-access-denied.json", r =>
        {
            r["eventTime"] = eventTime;
            var bucket = r["resources"]![1]!.AsObject();
            if (owner is null)
            {
                bucket.Remove("accountId");
            }
            else
            {
                bucket["accountId"] = owner;
            }
        });

        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(record);

        Assert.Equal(DenialLayer.Unknown, diagnosis.Layer);
        Assert.Equal(target, diagnosis.Fix!.Target);
        Assert.Equal(outsideNote, diagnosis.Fix.Notes.Any(n => n.Contains("Since August 21, 2024", StringComparison.Ordinal)));
        if (target == FixTarget.Both)
        {
            Assert.Equal(["execution-role", "execution-role", "bucket-policy"], diagnosis.Fix.Statements.Select(s => s.Document));
            Assert.Contains(diagnosis.Fix.Statements, s => s.Document == "bucket-policy"
                && s.Statement.Principal == ("AWS", "arn:aws:iam::111122223333:role/service-role/image-resizer-role"));
        }
    }

    [Fact]
    public void PlainAccessDeniedOnAnotherService_IsNotReadByS3sDate()
    {
        var record = Fixture.Record("s3-getobject-plain-access-denied.json", r =>
        {
            r["eventSource"] = "execute-api.amazonaws.com";
            ((JsonObject)r["resources"]![1]!).Remove("accountId");
        });

        Assert.NotEqual(FixTarget.Both, new Diagnoser(IamCatalog.Default).Diagnose(record).Fix!.Target);
    }
}
