namespace Denied.Core.Tests.Remediation;

public class VersionedObjectFixTests
{
    [Fact]
    public void VersionedRead_GrantsGetObjectVersionOnTheObjectOnlyAndMentionsSseKms()
    {
        var fix = Diagnose.Fixture("s3-getobject-version-plain-access-denied.json");

        var grants = fix.Statements.Where(s => s.Statement.Actions.Contains("s3:GetObjectVersion")).ToList();
        Assert.NotEmpty(grants);
        Assert.All(grants, s => Assert.Equal(["arn:aws:s3:::partner-exports-bucket/daily/2025-03-13.csv"], s.Statement.Resources));
        Assert.Contains(fix.Notes, n => n.Contains("kms:Decrypt", StringComparison.Ordinal));
    }
}
