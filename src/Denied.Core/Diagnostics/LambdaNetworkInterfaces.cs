using Denied.Principals;
using Denied.Resources;

namespace Denied.Diagnostics;

/// <summary>
/// The network-interface actions Lambda performs with a VPC function's execution role. One incident shows as two
/// records: Lambda's configuration-time rejection of CreateFunction/UpdateFunctionConfiguration, and the EC2 call it
/// stands for, made in Lambda's own "awslambda_" session. Neither determines the interface ARN (the interface does
/// not exist before Lambda creates it), so both report resource null for the same action, and the fix grants what
/// the AWS managed policy AWSLambdaVPCAccessExecutionRole grants: Resource "*".
/// </summary>
internal static class LambdaNetworkInterfaces
{
    public const string Source = "lambda-vpc-network-interfaces";

    private static readonly HashSet<string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
    };

    public static ResourceResolution Resource(ResourceResolution resolved, string? action, bool configurationTime, PrincipalInfo principal)
    {
        if (action is null || !Actions.Contains(action)
            || !(configurationTime || LambdaSessions.IsLambdaServiceSession(principal.SessionName)))
        {
            return resolved;
        }

        return new ResourceResolution(null, Source,
        [
            "Lambda manages a VPC function's network interfaces with the function's execution role; the record does not determine the interface (it does not exist before Lambda creates it), so the resource is left unknown and the fix uses \"*\", as the AWS managed policy AWSLambdaVPCAccessExecutionRole does.",
        ]);
    }
}
