using Denied.AwsClients.Policies;
using Denied.Detector.LivePolicies;
using Denied.Policies;
using AuthorizationDetails = Denied.Policies.AuthorizationDetails;

namespace Denied.Benchmarks;

/// <summary>
/// The benchmarks' live policy reader: no network, answers every role with the same parsed inline policy (an Allow of
/// s3:GetObject on another prefix: a near miss of the sample denial) and every bucket with "no bucket policy", and
/// counts the lookups, so a run measures the Detector's evaluation and cache, and how many reads a storm would make.
/// </summary>
public sealed class StubPolicyReader : LivePolicyReader
{
    private static readonly AuthorizationDetails Role = AuthorizationDetailsParser.Parse("""
        {"RoleDetailList": [{"Arn": "arn:aws:iam::111122223333:role/orders-api-role", "RoleName": "orders-api-role", "AttachedManagedPolicies": [],
          "RolePolicyList": [{"PolicyName": "read-reports", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-orders-prod/reports/*"}]}}]}],
         "Policies": []}
        """);

    public int RoleReads { get; private set; }

    public int ResourceReads { get; private set; }

    public Task<LiveRolePolicies> ReadRoleAsync(string roleArn, CancellationToken ct)
    {
        RoleReads++;
        return Task.FromResult(new LiveRolePolicies(Role, [], 4));
    }

    public Task<LiveResourcePolicy> ReadResourceAsync(string resourceArn, CancellationToken ct)
    {
        ResourceReads++;
        return Task.FromResult(new LiveResourcePolicy(resourceArn, null, new PolicyRead("s3:GetBucketPolicy", resourceArn, null, PolicyReadOutcome.Absent, null)));
    }
}
