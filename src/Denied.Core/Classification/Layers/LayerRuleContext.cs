using Denied.CloudTrail;
using Denied.Diagnostics;

namespace Denied.Classification.Layers;

/// <summary>What every layer rule may look at: the record, its parsed message (if any) and the caller.</summary>
internal sealed record LayerRuleContext(CloudTrailRecord Record, ParsedDenialMessage? Message, PrincipalInfo Principal)
{
    public string ErrorCode => ErrorCodes.Normalise(Record.ErrorCode);
}
