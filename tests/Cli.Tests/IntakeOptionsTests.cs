using System.CommandLine;
using Denied.Cli;

namespace Cli.Tests;

/// <summary>`scan` picks its source from the command line, and refuses combinations that would read the wrong thing.</summary>
public sealed class IntakeOptionsTests
{
    [Theory]
    [InlineData("samples/AWSLogs", null)]
    [InlineData("--lookup", typeof(LookupIntake))]
    [InlineData("--lookup --function orders-api --since 7d", typeof(LookupIntake))]
    [InlineData("--athena --table logs.cloudtrail --output-location s3://r/", typeof(AthenaIntake))]
    [InlineData("--athena-create-table --table logs.cloudtrail --trail-bucket s3://t/AWSLogs/ --accounts 111122223333 --regions us-east-1", typeof(AthenaIntake))]
    public void TheSourceFollowsTheOptions(string args, Type? expected)
    {
        var intake = Read(args);

        Assert.Equal(expected, intake?.GetType());
    }

    [Theory]
    [InlineData("", "scan needs a PATH")]
    [InlineData("--lookup --athena --table a.b", "pick one")]
    [InlineData("samples/AWSLogs --lookup", "not from a PATH")]
    [InlineData("--athena", "--athena needs --table")]
    [InlineData("--athena-create-table --table a.b", "needs --trail-bucket")]
    [InlineData("--lookup --since 7d --from 2026-11-01", "give one")]
    [InlineData("samples/AWSLogs --from 2026-11-01", "for files use --since")]
    [InlineData("--athena --table a.b --timeout soon", "--timeout")]
    [InlineData("--lookup --accounts 111122223333", "--accounts does not apply to --lookup")]
    [InlineData("--athena --table a.b --function orders-api", "--function does not apply to --athena")]
    public void ConflictingOrMissingOptions_AreUsageErrors(string args, string message)
    {
        var e = Assert.Throws<CliInputException>(() => Read(args));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionGoesServerSide_AsTheUsernameAttribute_EvenWithAnEventSource()
    {
        var intake = Assert.IsType<LookupIntake>(Read("--lookup --function orders-api --event-source s3.amazonaws.com"));

        Assert.Equal(new Denied.AwsClients.LookupAttribute("Username", "orders-api"), intake.ServerSideAttribute);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1.5h", 5400)]
    public void Timeouts_AreSecondsMinutesOrHours(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), IntakeOptions.Timeout(text));
    }

    private static ScanIntake? Read(string args)
    {
        var path = new Argument<string?>("path") { Arity = ArgumentArity.ZeroOrOne };
        var since = new Option<string?>("--since");
        var command = new Command("scan") { path, since };
        var options = new IntakeOptions();
        options.AddTo(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return options.Read(parse, parse.GetValue(path), parse.GetValue(since), TimeProvider.System);
    }
}
