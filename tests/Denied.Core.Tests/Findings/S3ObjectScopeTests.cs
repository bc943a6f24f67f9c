using Denied.Findings;

namespace Denied.Core.Tests.Findings;

public sealed class S3ObjectScopeTests
{
    private const string B = "arn:aws:s3:::bkt/";

    [Theory]
    // One object, or the same object twice: that object exactly.
    [InlineData("invoices/2024/a.pdf", "", "arn:aws:s3:::bkt/invoices/2024/a.pdf", false)]
    [InlineData("invoices/2024/a.pdf", "invoices/2024/a.pdf", "arn:aws:s3:::bkt/invoices/2024/a.pdf", false)]
    // Common prefix cut back to its last '/'.
    [InlineData("invoices/2024/a.pdf", "invoices/2024/b.pdf", "arn:aws:s3:::bkt/invoices/2024/", true)]
    [InlineData("invoices/2024/a.pdf", "invoices/2023/b.pdf", "arn:aws:s3:::bkt/invoices/", true)]
    [InlineData("invoices/2024", "invoices/2024/x", "arn:aws:s3:::bkt/invoices/", true)]
    [InlineData("logs/app-1.txt", "logs/app-2.txt", "arn:aws:s3:::bkt/logs/", true)]
    // Keys without '/', or differing in the first character: the bucket's /*, never wider.
    [InlineData("abc", "abd", "arn:aws:s3:::bkt/", true)]
    [InlineData("a/x", "b/x", "arn:aws:s3:::bkt/", true)]
    [InlineData("x", "y", "arn:aws:s3:::bkt/", true)]
    // Hostile keys: '*' and '?' are kept as raw text here; the statement escapes them.
    [InlineData("a*/1", "a*/2", "arn:aws:s3:::bkt/a*/", true)]
    [InlineData("q?/x*y", "q?/x*z", "arn:aws:s3:::bkt/q?/", true)]
    public void TheScopeIsTheNarrowestSlashPrefixOfTheObjects(string first, string second, string text, bool isPrefix)
    {
        string[] keys = second.Length == 0 ? [first] : [first, second];

        var scope = S3ObjectScope.Covering(null, keys.Select(k => B + k));

        Assert.Equal(new S3ObjectScope(text, isPrefix), scope);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bkt/invoices/2024/", true, "invoices/2024/f.pdf", "arn:aws:s3:::bkt/invoices/2024/", true)]
    [InlineData("arn:aws:s3:::bkt/invoices/2024/", true, "invoices/2025/f.pdf", "arn:aws:s3:::bkt/invoices/", true)]
    [InlineData("arn:aws:s3:::bkt/invoices/2024/", true, "zzz", "arn:aws:s3:::bkt/", true)]
    [InlineData("arn:aws:s3:::bkt/folder/", false, "folder/", "arn:aws:s3:::bkt/folder/", false)]
    [InlineData("arn:aws:s3:::bkt/folder/", true, "folder/", "arn:aws:s3:::bkt/folder/", true)]
    [InlineData("arn:aws:s3:::bkt/a/b.txt", false, "a/c.txt", "arn:aws:s3:::bkt/a/", true)]
    public void AStoredScopeWidensOnlyAsFarAsANewKeyNeeds(string stored, bool storedIsPrefix, string key, string text, bool isPrefix) =>
        Assert.Equal(new S3ObjectScope(text, isPrefix), S3ObjectScope.Covering(new S3ObjectScope(stored, storedIsPrefix), [B + key]));

    [Theory]
    [InlineData("arn:aws:s3:::bkt/k", "arn:aws:s3:::bkt/*")]
    [InlineData("arn:aws:s3:::bkt/a/b/c", "arn:aws:s3:::bkt/*")]
    [InlineData("arn:aws-cn:s3:::bkt/k", "arn:aws-cn:s3:::bkt/*")]
    [InlineData("arn:aws:s3:::bkt", null)]
    [InlineData("arn:aws:s3:::bkt/", null)]
    [InlineData("arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k", null)]
    [InlineData("arn:aws:sqs:us-east-1:111122223333:q", null)]
    [InlineData("*", null)]
    public void OnlyAnObjectArnHasABucketWildcard(string resource, string? expected) =>
        Assert.Equal(expected, S3ObjectScope.BucketWildcard(resource));

    [Fact]
    public void APrefixIsGrantedAsItsTextFollowedByOneWildcard()
    {
        var scope = new S3ObjectScope("arn:aws:s3:::bkt/a*/", true);

        Assert.Equal("arn:aws:s3:::bkt/a*/*", scope.Resource);
        Assert.Equal(1, scope.WildcardSuffixLength);
    }
}
