using System.IO.Compression;
using System.Text.Json;
using Denied.TestSupport;

namespace Cli.Tests.Support;

/// <summary>Every record of the sample trail archive (samples/AWSLogs), each as its own JSON text, in file order.</summary>
public static class SampleRecords
{
    public static IReadOnlyList<string> All()
    {
        var records = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine("samples", "AWSLogs"), "*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var doc = JsonDocument.Parse(gzip);
            records.AddRange(doc.RootElement.GetProperty("Records").EnumerateArray().Select(r => r.GetRawText()));
        }

        return records;
    }
}
