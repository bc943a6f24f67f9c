using Denied.TestSupport;

namespace Denied.AwsClients.Tests;

/// <summary>
/// LambdaListFunctionsClient against moto (which stores functions without running them and ignores MaxItems, so
/// pagination is covered by LambdaListFunctionsClientTests). Credentials come from the SDK's default chain: the
/// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables MotoServer sets, as in Lambda.
/// </summary>
[Collection("moto")]
[Trait("Category", "Integration")]
public sealed class LambdaListFunctionsMotoTests(MotoServer moto) : IAsyncLifetime
{
    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListFunctions_WithTheDefaultCredentialChain_ReturnsEveryCreatedFunctionWithItsRole()
    {
        await MotoPython.RunAsync(moto, """
            import io, zipfile
            iam = boto3.client("iam", **kw); lam = boto3.client("lambda", **kw)
            b = io.BytesIO(); z = zipfile.ZipFile(b, "w"); z.writestr("bootstrap", "#!/bin/sh"); z.close()
            for name in ["detector", "notifier", "orders-api"]:
                role = iam.create_role(RoleName=name + "-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
                lam.create_function(FunctionName=name, Runtime="provided.al2023", Role=role, Handler="bootstrap", Code={"ZipFile": b.getvalue()})
            """);
        using var http = new HttpClient();
        var client = new LambdaListFunctionsClient(
            new AwsEndpointSettings(MotoServer.Region, moto.Endpoint), http, new DefaultAwsCredentialsSource(MotoServer.Region), pageSize: 2);

        var functions = await client.ListFunctionsAsync(CancellationToken.None);

        Assert.Equal(["detector", "notifier", "orders-api"], functions.Select(f => f.FunctionName).Order(StringComparer.Ordinal));
        var notifier = functions.Single(f => f.FunctionName == "notifier");
        Assert.All(functions, f => Assert.StartsWith("arn:aws:iam::123456789012:role/", f.Role, StringComparison.Ordinal));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:notifier", notifier.FunctionArn);
        Assert.Equal("arn:aws:iam::123456789012:role/notifier-role", notifier.Role);
    }
}
