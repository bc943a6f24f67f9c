using System.Text;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Intake;

namespace Denied.Core.Tests.Intake;

/// <summary>Every outcome of the one intake step the Detector, `denied scan` and the backfill share.</summary>
public sealed class DenialIntakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    private const string LambdaDenial = """
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:orders-api","arn":"arn:aws:sts::123456789012:assumed-role/orders-api-role/orders-api","accountId":"123456789012","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::123456789012:role/service-role/orders-api-role","accountId":"123456789012","userName":"orders-api-role"}}},"eventTime":"2026-11-20T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListObjects","awsRegion":"us-east-1","sourceIPAddress":"3.3.3.3","userAgent":"aws-sdk-dotnet-coreclr/4.0.0 exec-env/AWS_Lambda_provided.al2023","errorCode":"AccessDenied","errorMessage":"User: arn:aws:sts::123456789012:assumed-role/orders-api-role/orders-api is not authorized to perform: s3:ListBucket on resource: \"arn:aws:s3:::acme-orders\" because no identity-based policy allows the s3:ListBucket action","requestParameters":{"bucketName":"acme-orders"},"eventID":"e-1","eventType":"AwsApiCall","recipientAccountId":"123456789012"}
        """;

    private static CloudTrailRecord Record(string json) => CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(json)).Record!;

    private static DenialIntake Intake(params SuppressionRule[] rules) => new(new Diagnoser(IamCatalog.Default), rules, Now);

    [Fact]
    public void ALambdaDenialIsAnObservationOfItsFinding()
    {
        var outcome = Intake().Take(Record(LambdaDenial));

        Assert.Equal(IntakeKind.Observed, outcome.Kind);
        Assert.Equal(FindingKey.For(outcome.Diagnosis!), outcome.Key);
        Assert.Equal("s3:ListBucket", outcome.Key!.Action);
        Assert.Null(outcome.Rule);
    }

    [Fact]
    public void ARecordWithoutAnErrorIsNotADenial() =>
        Assert.Equal(IntakeKind.NotDenied, Intake().Take(Record(LambdaDenial.Replace("\"errorCode\":\"AccessDenied\",", "").Replace("\"errorMessage\":", "\"x\":"))).Kind);

    [Theory]
    [InlineData("canary", "orders-*", null, true)]
    [InlineData("lists", null, "s3:list*", true)]
    [InlineData("other-function", "billing-*", null, false)]
    public void AMatchingRuleSuppressesTheDenialAndSaysWhichRule(string id, string? function, string? action, bool suppressed)
    {
        var rule = new SuppressionRule(id, "expected") { FunctionPattern = function, ActionPattern = action };

        var outcome = Intake(rule).Take(Record(LambdaDenial));

        Assert.Equal(suppressed ? IntakeKind.Suppressed : IntakeKind.Observed, outcome.Kind);
        Assert.Equal(suppressed ? rule : null, outcome.Rule);
        Assert.NotNull(outcome.Key);
    }

    [Fact]
    public void AnExpiredRuleNoLongerSuppresses()
    {
        var rule = new SuppressionRule("old", "was expected") { ActionPattern = "s3:*", ExpiresAt = Now };

        Assert.Equal(IntakeKind.Observed, Intake(rule).Take(Record(LambdaDenial)).Kind);
    }

    [Theory]
    [InlineData(true, IntakeKind.NeedsNewerInventory)]
    [InlineData(false, IntakeKind.OtherPrincipal)]
    public void ARoleSessionNamingNoFunctionAsksForANewerInventoryOnlyWhenOneCanBeHad(bool newerAvailable, IntakeKind expected)
    {
        // A session name that is not a function name, of a role without "lambda" in its name: nothing ties it to a function.
        var json = LambdaDenial.Replace("orders-api-role/orders-api", "batch-role/i-0abc").Replace("service-role/orders-api-role", "batch-role")
            .Replace("AROAEXAMPLE:orders-api", "AROAEXAMPLE:i-0abc").Replace("\"userName\":\"orders-api-role\"", "\"userName\":\"batch-role\"")
            .Replace("exec-env/AWS_Lambda_provided.al2023", "");

        var outcome = Intake().Take(Record(json), newerAvailable);

        Assert.Equal(expected, outcome.Kind);
        Assert.NotNull(outcome.Diagnosis);
        Assert.Null(outcome.Key);
    }
}
