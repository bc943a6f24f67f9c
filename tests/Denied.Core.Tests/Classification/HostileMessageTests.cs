using System.Diagnostics;
using Denied.Classification;
using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Core.Tests.Classification;

/// <summary>Messages are attacker-controlled: the parser and classifier neither throw nor hang on any of them.</summary>
public class HostileMessageTests
{
    private const string Head = "User: arn:aws:sts::111122223333:assumed-role/r/fn is not authorized to perform: ";

    public static TheoryData<string> Inputs => new()
    {
        "\0",
        Head + "s3:GetObject\0 on resource: arn:aws:s3:::b/\0k because no identity-based policy allows the s3:GetObject action",
        Head + "s3:GetObject on resource:\narn:aws:s3:::b\nbecause no\nidentity-based policy allows the s3:GetObject action",
        Head + "s3:GetObject on \"arn:aws:s3:::b/\"\"quoted\" because no identity-based policy allows",
        Head + "s3:GetObject on resource: `rm -rf` <@here> <!channel> [link](http://x) <http://x|y> \u001b[31mred\u001b[0m | pipe",
        Head + "s3:GetObject on resource: arn:aws:s3:::b/🔥💥 because no identity-based policy allows the s3:GetObject action",
        new string('a', 10_240),
        new string(' ', 10_240) + "Access Denied",
        Head + new string('x', 10_240),
        Head + "s3:GetObject on resource: " + new string('r', 10_240) + " with an explicit deny in a " + new string('p', 10_240),
        Head + "s3:GetObject with an explicit deny in a " + string.Concat(Enumerable.Repeat("service control policy ", 500)) + "!",
        Head + "s3:GetObject with an explicit deny in a " + string.Concat(Enumerable.Repeat("a transitively through a ", 400)) + "x",
        Head + "s3:GetObject because no " + string.Concat(Enumerable.Repeat("identity-based policy allows the ", 300)) + "x",
        string.Concat(Enumerable.Repeat("User: User: is not authorized to perform: ", 250)),
        string.Concat(Enumerable.Repeat("An error occurred (AccessDenied) when calling the X operation: ", 160)),
        "You are not authorized to perform this operation. Encoded authorization failure message: " + new string('e', 10_240),
        "Cannot access stream " + new string('s', 10_240) + " Please ensure the role can perform the " + new string(',', 5_000),
        string.Concat(Enumerable.Repeat("The provided execution role does not have permissions to call ", 160)),
        string.Concat(Enumerable.Repeat("(Service: ", 1000)) + ")",
        string.Concat(Enumerable.Repeat("\"", 10_240)),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ParseAndClassify_HostileMessage_NeitherThrowNorHang(string message)
    {
        var clock = Stopwatch.StartNew();

        var parsed = AccessDeniedMessageParser.Parse(message);
        var record = new CloudTrailRecord { ErrorCode = "AccessDenied", ErrorMessage = message, EventSource = "s3.amazonaws.com" };
        var signal = DenialDetector.Detect(record);
        var decision = LayerClassifier.Classify(record, parsed, new PrincipalInfo(PrincipalKind.Other, null, null, null));

        Assert.Equal(DenialKind.AccessDenied, signal.Kind);
        Assert.NotNull(decision.Reason);
        // Generous bound: linear patterns finish in milliseconds; catastrophic backtracking would take minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
