using System.Text;
using System.Text.Json.Nodes;

namespace Denied.TestSupport;

/// <summary>
/// Queues query results in moto's Athena (it runs no SQL): POST /moto-api/static/athena/query-results, as moto's Athena
/// docs describe. Each queued result is handed to the next query execution, in order. A row is a list of cells; a null
/// cell is SQL NULL (a Datum without VarCharValue). The first row is the column labels, as Athena returns for a SELECT.
/// </summary>
public static class MotoAthenaResults
{
    public static async Task QueueAsync(MotoServer moto, params IReadOnlyList<IReadOnlyList<string?>>[] results)
    {
        var list = new JsonArray();
        foreach (var rows in results)
        {
            var jsonRows = new JsonArray();
            foreach (var row in rows)
            {
                var data = new JsonArray();
                foreach (var cell in row)
                {
                    data.Add((JsonNode)(cell is null ? new JsonObject() : new JsonObject { ["VarCharValue"] = cell }));
                }

                jsonRows.Add((JsonNode)new JsonObject { ["Data"] = data });
            }

            var columns = new JsonArray();
            foreach (var name in rows.Count > 0 ? rows[0] : [])
            {
                columns.Add((JsonNode)new JsonObject { ["Name"] = name, ["Label"] = name, ["Type"] = "varchar" });
            }

            list.Add((JsonNode)new JsonObject { ["rows"] = jsonRows, ["column_info"] = columns });
        }

        var body = new JsonObject { ["account_id"] = MotoServer.AccountId, ["region"] = MotoServer.Region, ["results"] = list };
        using var http = new HttpClient();
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(moto.Endpoint, "/moto-api/static/athena/query-results"), content);
        response.EnsureSuccessStatusCode();
    }
}
