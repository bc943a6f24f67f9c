using System.Text.Json;
using System.Text.Json.Nodes;
using Cli.Tests.Support;
using Denied.Cli;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Iam;
using Denied.Rendering;
using Denied.TestSupport;

namespace Cli.Tests;

/// <summary>
/// A record read back from Athena's row (<see cref="AthenaRows"/> plays Athena) is the record a log file holds: every field
/// the parser models survives the round trip except the two the documented table does not keep, and the diagnosis is the same.
/// </summary>
public sealed class AthenaRecordRebuilderTests
{
    /// <summary>Modelled fields the documented CloudTrail table has no column for.</summary>
    private static readonly string[] NotInTheTable = ["vpcEndpointAccountId"];

    /// <summary>Every record of the sample archive, then the detail of every sample event.</summary>
    private static readonly Lazy<IReadOnlyList<string>> AllRecords = new(() =>
        SampleRecords.All()
            .Concat(Directory.EnumerateFiles(RepoPaths.Combine("samples", "events"), "*.json").Order(StringComparer.Ordinal)
                .Select(file => JsonNode.Parse(File.ReadAllText(file))!["detail"]!.ToJsonString()))
            .ToList());

    /// <summary>By position: records can repeat one another, and each case must stay a case of its own.</summary>
    public static TheoryData<int> Records()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < AllRecords.Value.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void EveryModelledField_AndTheDiagnosis_SurviveTheAthenaRow(int index)
    {
        var recordJson = AllRecords.Value[index];
        var original = Parse(recordJson);

        var item = AthenaRecordRebuilder.Read(AthenaRows.Header, AthenaRows.Row(recordJson), "athena q page 1 record 1");

        Assert.Null(item.Error);
        var rebuilt = item.Record!;
        Assert.Equal(Comparable(original), Comparable(rebuilt));
        var diagnoser = new Diagnoser(IamCatalog.Default);
        Assert.Equal(DiagnosisJson.Serialize(diagnoser.Diagnose(original)), DiagnosisJson.Serialize(diagnoser.Diagnose(rebuilt)));
    }

    [Fact]
    public void SourceIdentity_IsNotInTheTable_SoItComesBackUnknown()
    {
        const string record = """{"eventID":"e","eventSource":"s3.amazonaws.com","eventName":"GetObject","userIdentity":{"type":"AssumedRole","sessionContext":{"sourceIdentity":"alice","sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/r"}}}}""";

        var rebuilt = AthenaRecordRebuilder.Read(AthenaRows.Header, AthenaRows.Row(record), "row").Record!;

        Assert.Null(rebuilt.UserIdentity!.SessionContext!.SourceIdentity);
        Assert.Equal("arn:aws:iam::111122223333:role/r", rebuilt.UserIdentity.SessionContext.SessionIssuer!.Arn);
    }

    [Theory]
    [InlineData("requestparameters", "{not json", "column requestparameters is not JSON")]
    [InlineData("resources", "[{\"arn\":\"x\"}]", "column resources holds an entry that is not [arn, accountId, type]")]
    [InlineData("resources", "{}", "column resources is not a JSON array")]
    public void AColumnThatIsNotTheJsonItShouldBe_IsAnErrorNamingTheColumn(string column, string value, string error)
    {
        var row = AthenaRows.Row("""{"eventID":"e","eventSource":"s3.amazonaws.com","eventName":"GetObject"}""").ToArray();
        row[AthenaRows.Header.ToList().IndexOf(column)] = value;

        var item = AthenaRecordRebuilder.Read(AthenaRows.Header, row, "athena q page 1 record 7");

        Assert.Equal(error, item.Error);
        Assert.Equal("athena q page 1 record 7", item.Location);
    }

    private static CloudTrailRecord Parse(string json) =>
        CloudTrailRecordParser.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Record ?? throw new InvalidOperationException("sample does not parse");

    /// <summary>The record as the parser models it, without the fields the table cannot carry; sourceIdentity compared separately.</summary>
    private static string Comparable(CloudTrailRecord record)
    {
        var node = JsonNode.Parse(JsonSerializer.Serialize(record, CloudTrailJsonContext.Default.CloudTrailRecord))!.AsObject();
        foreach (var name in NotInTheTable)
        {
            node.Remove(name);
        }

        node["userIdentity"]?["sessionContext"]?.AsObject().Remove("sourceIdentity");
        return node.ToJsonString();
    }
}
