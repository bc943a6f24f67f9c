using System.Text;
using System.Text.Json;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Rendering;

namespace Denied.Core.Tests.Rendering;

/// <summary>A finding carries its latest diagnosis' authorizationId and evidence in its JSON (the store keeps that JSON).</summary>
public sealed class FindingAuthorizationIdTests
{
    [Fact]
    public void FindingJson_CarriesAuthorizationIdAndEvidence()
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(Fixture.Record("iam-createinstanceprofile-authorization-id.json"));
        var finding = new Finding
        {
            Id = FindingKey.For(diagnosis)!.Id,
            Key = FindingKey.For(diagnosis)!,
            Status = FindingStatus.Open,
            Count = 1,
            FirstSeen = DateTimeOffset.UnixEpoch,
            LastSeen = DateTimeOffset.UnixEpoch,
            Diagnosis = diagnosis,
        };

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            FindingJson.Write(writer, finding);
        }

        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal("EXAMPLE1a2b3c4d5e6f7g8h9i0j", doc.RootElement.GetProperty("authorizationId").GetString());
        Assert.Equal("policy-type-in-message", doc.RootElement.GetProperty("evidence").GetProperty("layer").GetString());
        Assert.Equal("EXAMPLE1a2b3c4d5e6f7g8h9i0j", DiagnosisJsonReader.Read(doc.RootElement).AuthorizationId);
    }
}
