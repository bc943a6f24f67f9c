using System.Text;
using System.Text.Json;
using Denied.Core.Tests.Fixtures;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Rendering;

namespace Denied.Core.Tests.Rendering;

/// <summary>Serialize reuses one buffer per thread: its text is what a fresh writer over a fresh stream writes, call after call.</summary>
public sealed class DiagnosisJsonBufferTests
{
    private static string Fresh(Diagnosis diagnosis, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            DiagnosisJson.Write(writer, diagnosis);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void EveryFixturesDiagnosisSerialisesAsAFreshWriterWritesItInAnyOrder()
    {
        var diagnoser = new Diagnoser(IamCatalog.Default);
        var diagnoses = Fixture.RecordNames().Select(n => diagnoser.Diagnose(Fixture.Record(n))).ToList();

        foreach (var indented in new[] { false, true, false })
        {
            foreach (var diagnosis in diagnoses.Concat(Enumerable.Reverse(diagnoses)))
            {
                Assert.Equal(Fresh(diagnosis, indented), DiagnosisJson.Serialize(diagnosis, indented));
            }
        }
    }

    [Fact]
    public void AHugeDiagnosisAndASmallOneAfterItSerialiseWhole()
    {
        var diagnoser = new Diagnoser(IamCatalog.Default);
        var small = diagnoser.Diagnose(Fixture.Record(Fixture.RecordNames()[0]));
        var huge = small with { ErrorMessage = new string('<', 400_000) };

        Assert.Equal(Fresh(huge, false), DiagnosisJson.Serialize(huge));
        Assert.Equal(Fresh(small, false), DiagnosisJson.Serialize(small));
    }
}
