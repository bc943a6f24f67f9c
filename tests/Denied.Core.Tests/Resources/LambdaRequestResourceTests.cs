namespace Denied.Core.Tests.Resources;

public sealed class LambdaRequestResourceTests
{
    [Theory]
    [InlineData("""{"functionName":"worker"}""", "arn:aws:lambda:us-east-1:123456789012:function:worker")]
    [InlineData("""{"functionName":"worker:prod"}""", "arn:aws:lambda:us-east-1:123456789012:function:worker:prod")]
    [InlineData("""{"functionName":"worker","qualifier":"7"}""", "arn:aws:lambda:us-east-1:123456789012:function:worker:7")]
    [InlineData("""{"functionName":"999988887777:function:worker"}""", "arn:aws:lambda:us-east-1:999988887777:function:worker")]
    [InlineData("""{"functionName":"999988887777:function:worker:live"}""", "arn:aws:lambda:us-east-1:999988887777:function:worker:live")]
    [InlineData("""{"functionName":"arn:aws:lambda:eu-west-1:999988887777:function:worker","invocationType":"Event"}""", "arn:aws:lambda:eu-west-1:999988887777:function:worker")]
    [InlineData("""{"functionName":"arn:aws:lambda:eu-west-1:999988887777:function:worker","qualifier":"live"}""", "arn:aws:lambda:eu-west-1:999988887777:function:worker:live")]
    [InlineData("""{"functionName":"arn:aws:lambda:eu-west-1:999988887777:function:worker:3","qualifier":"3"}""", "arn:aws:lambda:eu-west-1:999988887777:function:worker:3")]
    public void FunctionNameInEveryFormGivesTheFunctionArn(string requestParameters, string expected) =>
        Assert.Equal(expected, Resolve.FromParameters("lambda:InvokeFunction", requestParameters).Resource);

    [Fact]
    public void LayerNameAndVersionGiveTheLayerVersionArn() =>
        Assert.Equal(
            "arn:aws:lambda:us-east-1:123456789012:layer:deps:4",
            Resolve.FromParameters("lambda:GetLayerVersion", """{"layerName":"deps","versionNumber":"4"}""").Resource);

    [Fact]
    public void LayerVersionArnParameterIsKept() =>
        Assert.Equal(
            "arn:aws:lambda:us-east-1:999988887777:layer:deps:4",
            Resolve.FromParameters("lambda:GetLayerVersion", """{"arn":"arn:aws:lambda:us-east-1:999988887777:layer:deps:4"}""").Resource);
}
