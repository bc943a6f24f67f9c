using System.Text;
using BenchmarkDotNet.Attributes;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Remediation;
using Denied.Rendering;

namespace Denied.Benchmarks;

/// <summary>One record through each step of the domain: parse, diagnose, build and render the fix.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly byte[] _success = Encoding.UTF8.GetBytes(Samples.SuccessRecord);
    private readonly byte[] _denial = Encoding.UTF8.GetBytes(Samples.DenialRecord);
    private readonly byte[] _envelope = Encoding.UTF8.GetBytes(Samples.DenialEnvelope);
    private readonly Diagnoser _diagnoser = new(IamCatalog.Default);
    private CloudTrailRecord _record = null!;
    private Diagnosis _diagnosis = null!;
    private FixRequest _fixRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _record = CloudTrailRecordParser.Parse(_envelope).Record!;
        _diagnosis = _diagnoser.Diagnose(_record);
        _fixRequest = new FixRequest
        {
            Action = _diagnosis.Action,
            Resource = _diagnosis.Resource,
            Layer = _diagnosis.Layer!.Value,
            ExplicitDeny = _diagnosis.ExplicitDeny,
            RoleArn = _diagnosis.Principal.RoleArn,
            FunctionName = _diagnosis.Function?.Name,
            Account = _diagnosis.Account,
            Region = _diagnosis.Region,
        };
    }

    /// <summary>What a scan does with a successful record: a byte search, no parse.</summary>
    [Benchmark]
    public bool SkipSuccessfulRecord() => CloudTrailRecordParser.MayBeDenial(_success);

    [Benchmark]
    public CloudTrailRecord? ParseSuccessfulRecord() => CloudTrailRecordParser.Parse(_success).Record;

    [Benchmark]
    public CloudTrailRecord? ParseDenialRecord() => CloudTrailRecordParser.Parse(_denial).Record;

    [Benchmark]
    public CloudTrailRecord? ParseEventBridgeEnvelope() => CloudTrailRecordParser.Parse(_envelope).Record;

    [Benchmark]
    public Diagnosis DiagnoseDenial() => _diagnoser.Diagnose(_record);

    [Benchmark]
    public Fix BuildFix() => FixBuilder.Build(_fixRequest);

    [Benchmark]
    public string RenderDiagnosisText()
    {
        var w = new StringWriter();
        DiagnosisTextRenderer.Render(_diagnosis, w);
        return w.ToString();
    }

    [Benchmark]
    public string RenderDiagnosisJson() => DiagnosisJson.Serialize(_diagnosis);
}
