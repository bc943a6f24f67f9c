using Denied.Iam;

namespace Denied.Core.Tests.Iam;

public sealed class IamCatalogTests
{
    private static readonly IamCatalog Catalog = IamCatalog.Default;

    [Theory]
    [InlineData("s3:listbucket", "s3:ListBucket")]
    [InlineData("S3:LISTBUCKET", "s3:ListBucket")]
    [InlineData("SNS:Publish", "sns:Publish")]
    [InlineData("kms:decrypt", "kms:Decrypt")]
    [InlineData("lambda:invokefunction", "lambda:InvokeFunction")]
    [InlineData("dynamodb:partiqlselect", "dynamodb:PartiQLSelect")]
    [InlineData("cloudwatch:putmetricdata", "cloudwatch:PutMetricData")]
    [InlineData("s3:putbucketcors", "s3:PutBucketCORS")]
    public void FindActionIgnoresCaseAndReturnsTheDocumentedCasing(string asked, string documented) =>
        Assert.Equal(documented, Catalog.FindAction(asked)?.FullName);

    [Theory]
    [InlineData("s3:ListObjectsV2")]
    [InlineData("lambda:Invoke")]
    [InlineData("s3:Get*")]
    [InlineData("s3:*")]
    [InlineData("nosuchservice:GetThing")]
    [InlineData("s3")]
    [InlineData("s3:")]
    [InlineData(":GetObject")]
    [InlineData("")]
    public void FindActionReturnsNullForWhatIamDoesNotDefine(string asked) =>
        Assert.Null(Catalog.FindAction(asked));

    [Theory]
    [InlineData("s3.amazonaws.com", "s3")]
    [InlineData("kms.amazonaws.com", "kms")]
    [InlineData("lambda.amazonaws.com", "lambda")]
    [InlineData("sqs.amazonaws.com", "sqs")]
    [InlineData("secretsmanager.amazonaws.com", "secretsmanager")]
    [InlineData("execute-api.amazonaws.com", "execute-api")]
    [InlineData("monitoring.amazonaws.com", "cloudwatch")]
    [InlineData("streams.dynamodb.amazonaws.com", "dynamodb")]
    [InlineData("tagging.amazonaws.com", "tag")]
    [InlineData("appstream2.amazonaws.com", "appstream")]
    [InlineData("models.lex.amazonaws.com", "lex")]
    [InlineData("runtime.lex.amazonaws.com", "lex")]
    [InlineData("pinpoint.amazonaws.com", "mobiletargeting")]
    [InlineData("appconfigdata.amazonaws.com", "appconfig")]
    [InlineData("rdsdataapi.amazonaws.com", "rds-data")]
    [InlineData("S3.AMAZONAWS.COM", "s3")]
    public void ServicePrefixForEventSourceMapsHostToIamPrefix(string eventSource, string prefix) =>
        Assert.Equal(prefix, Catalog.ServicePrefixForEventSource(eventSource));

    [Theory]
    [InlineData("nosuchservice.amazonaws.com")]
    [InlineData("s3.example.com")]
    [InlineData("s3")]
    [InlineData("")]
    public void ServicePrefixForEventSourceIsNullForUnknownSources(string eventSource) =>
        Assert.Null(Catalog.ServicePrefixForEventSource(eventSource));

    [Fact]
    public void EveryEventSourceExceptionNamesAServiceIamDefines()
    {
        foreach (var source in (string[])["monitoring.amazonaws.com", "streams.dynamodb.amazonaws.com", "tagging.amazonaws.com", "appstream2.amazonaws.com", "models.lex.amazonaws.com", "pinpoint.amazonaws.com", "appconfigdata.amazonaws.com", "runtime.sagemaker.amazonaws.com"])
        {
            Assert.True(Catalog.ServicePrefixForEventSource(source) is { } prefix && Catalog.HasService(prefix), source);
        }
    }

    [Theory]
    [InlineData("s3", true)]
    [InlineData("S3", true)]
    [InlineData("cloudwatch", true)]
    [InlineData("monitoring", false)]
    [InlineData("", false)]
    public void HasServiceIsCaseInsensitive(string prefix, bool expected) =>
        Assert.Equal(expected, Catalog.HasService(prefix));

    [Fact]
    public void GetObjectIsAuthorisedOnTheObjectArnPattern()
    {
        var action = Catalog.FindAction("s3:GetObject")!;
        var objectType = Assert.Single(action.ResourceTypes, t => t.Name == "object");
        Assert.Equal("arn:${Partition}:s3:::${BucketName}/${ObjectName}", objectType.ArnPattern);
        Assert.True(action.HasResourceLevelPermissions);
    }

    [Fact]
    public void RequiredResourceTypesKeepTheirFlag()
    {
        var invoke = Catalog.FindAction("lambda:InvokeFunction")!;
        var function = Assert.Single(invoke.ResourceTypes);
        Assert.Equal(("function", true), (function.Name, function.Required));
        Assert.Equal("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}", function.ArnPattern);
    }

    [Theory]
    [InlineData("xray:PutTraceSegments")]
    [InlineData("s3:ListAllMyBuckets")]
    [InlineData("ec2:DescribeInstances")]
    [InlineData("sts:GetCallerIdentity")]
    public void ActionsWithoutResourceTypesHaveNoResourceLevelPermissions(string name) =>
        Assert.False(Catalog.FindAction(name)!.HasResourceLevelPermissions);

    [Fact]
    public void DefaultIsOneSharedInstanceThatParallelLookupsAgreeOn()
    {
        var names = new[] { "s3:GetObject", "kms:Decrypt", "sqs:SendMessage", "dynamodb:Query", "logs:PutLogEvents", "ssm:GetParameter" };
        var results = names.AsParallel().SelectMany(n => Enumerable.Range(0, 50).Select(_ => IamCatalog.Default.FindAction(n)?.FullName)).ToList();
        Assert.Same(IamCatalog.Default, Catalog);
        Assert.All(results, Assert.NotNull);
        Assert.Equal(names.Order(), results.Distinct().Order()!);
    }

    [Fact]
    public void DataVersionNamesThePackageVersion() =>
        Assert.StartsWith("0.21.", Catalog.DataVersion, StringComparison.Ordinal);
}
