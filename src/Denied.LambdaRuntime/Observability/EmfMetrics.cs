using System.Text;
using System.Text.Json;

namespace Denied.LambdaRuntime.Observability;

/// <summary>
/// CloudWatch metrics through the Embedded Metric Format: one log line with an <c>_aws</c> block that
/// CloudWatch turns into metrics, so the functions make no PutMetricData calls (no extra latency, no extra
/// permission). Counts only; dimension: the function name.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
/// </summary>
public sealed class EmfMetrics(TextWriter output, string metricsNamespace, string functionName, TimeProvider clock)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string metric, long value = 1) =>
        _counts[metric] = _counts.GetValueOrDefault(metric) + value;

    public long this[string metric] => _counts.GetValueOrDefault(metric);

    /// <summary>Writes the collected counts as one EMF line and clears them; writes nothing when empty.</summary>
    public void Flush()
    {
        if (_counts.Count == 0)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("_aws");
            w.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
            w.WriteStartArray("CloudWatchMetrics");
            w.WriteStartObject();
            w.WriteString("Namespace", metricsNamespace);
            w.WriteStartArray("Dimensions");
            w.WriteStartArray();
            w.WriteStringValue("FunctionName");
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteStartArray("Metrics");
            foreach (var name in _counts.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("Name", name);
                w.WriteString("Unit", "Count");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("FunctionName", functionName);
            foreach (var (name, value) in _counts.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _counts.Clear();
    }
}
