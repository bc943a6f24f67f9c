using Denied.Diagnostics;

namespace Denied.Policies;

/// <summary>
/// Where a policy came from: its layer and whichever name it has: <see cref="PolicyArn"/> for managed
/// policies and SCPs/RCPs, <see cref="PolicyName"/> for inline policies, <see cref="ResourceArn"/> for
/// resource policies (bucket, key, queue, topic, function, secret, table, role trust policy).
/// </summary>
public sealed record PolicySource(DenialLayer Layer, string? PolicyArn = null, string? PolicyName = null, string? ResourceArn = null);
