using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Denied.CloudTrail;
using Denied.Diagnostics;
using Denied.Findings;
using Denied.Iam;
using Denied.Store;

namespace Denied.Benchmarks;

/// <summary>
/// Cold start of a published bootstrap: from Process.Start to the first invocation's response at a loopback Lambda
/// Runtime API, with the AWS endpoint (DynamoDB JSON, SNS query) answered on the same loopback listener in
/// microseconds, so only the process is measured. Init runs as in Lambda (settings, clients, DescribeTable), and
/// the first event is real work: the Detector gets an SQS batch of one Lambda denial (parse, diagnose, ledger
/// claim, finding write); the Notifier a stream INSERT of a new finding (claim marker, render, SNS Publish, mark
/// sent). Peak RSS is VmHWM of the process right after its response.
///   coldstart NAME=PATH/TO/bootstrap ...   (NAME starting "detector" or "notifier"; RUNS env, default 7)
/// A NAME ending "+read-policies" runs the Detector with READ_POLICIES=true, the template's default: init builds the
/// policy readers, and the first event reads its role's and bucket's policies from the loopback, whose answer to
/// those calls is not a policy (so they are failed reads, with their notes): the clients and the calls are measured,
/// not the parse of real policies.
/// </summary>
public static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("RUNS"), out var r) ? r : 7;
        Console.WriteLine($"| bootstrap | median ms to init done (first /next) | median ms to first response | min–max ms to first response | median peak RSS (MB) | published size without symbols (MB) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var arg in args)
        {
            var (name, path) = (arg[..arg.IndexOf('=', StringComparison.Ordinal)], arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var notifier = name.StartsWith("notifier", StringComparison.Ordinal);
            var samples = new List<(double Init, double First, double RssMb)>();
            for (var i = 0; i < runs; i++)
            {
                samples.Add(await OnceAsync(Path.GetFullPath(path), notifier, name.EndsWith("+read-policies", StringComparison.Ordinal)));
            }

            double Median(IEnumerable<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
            var size = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => f.Extension is not ".dbg" and not ".pdb").Sum(f => f.Length) / 1048576.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median(samples.Select(s => s.Init)):F0} | {Median(samples.Select(s => s.First)):F0} | {samples.Min(s => s.First):F0}–{samples.Max(s => s.First):F0} | {Median(samples.Select(s => s.RssMb)):F0} | {size:F1} |"));
        }

        return 0;
    }

    private static async Task<(double Init, double First, double RssMb)> OnceAsync(string bootstrap, bool notifier, bool readPolicies)
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var firstNext = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var response = new TaskCompletionSource<(long At, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextCount = 0;
        var eventBody = notifier ? NotifierEvent() : DetectorEvent();
        using var stop = new CancellationTokenSource();

        var psi = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{port}";
        psi.Environment["AWS_REGION"] = "us-east-1";
        psi.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        psi.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        psi.Environment["AWS_LAMBDA_FUNCTION_NAME"] = notifier ? "denied-notifier" : "denied-detector";
        psi.Environment["FINDINGS_TABLE"] = "denied-findings";
        psi.Environment["INVENTORY_ENABLED"] = "false";
        psi.Environment["TOPIC_ARN"] = "arn:aws:sns:us-east-1:111122223333:denied-findings";
        psi.Environment["DENIED_AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{port}";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["READ_POLICIES"] = readPolicies ? "true" : "false";

        var serve = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(() => Answer(ctx));
            }
        });

        async Task Answer(HttpListenerContext ctx)
        {
            var path = ctx.Request.Url!.AbsolutePath;
            using var reader = new StreamReader(ctx.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var res = ctx.Response;
            if (path.EndsWith("/invocation/next", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref nextCount) > 1)
                {
                    return; // the second /next blocks, as Lambda's does while the function is frozen
                }

                firstNext.TrySetResult(Stopwatch.GetTimestamp());
                res.Headers["Lambda-Runtime-Aws-Request-Id"] = "cold-1";
                res.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                res.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:111122223333:function:bench";
                await Write(res, 200, "application/json", eventBody);
                return;
            }

            if (path.Contains("/runtime/", StringComparison.Ordinal))
            {
                if (path.EndsWith("/response", StringComparison.Ordinal) || path.EndsWith("/error", StringComparison.Ordinal))
                {
                    response.TrySetResult((Stopwatch.GetTimestamp(), path + " " + body));
                }

                await Write(res, 202, "application/json", "{}");
                return;
            }

            var target = ctx.Request.Headers["X-Amz-Target"] ?? "";
            if (target.StartsWith("DynamoDB_20120810.", StringComparison.Ordinal))
            {
                await Write(res, 200, "application/x-amz-json-1.0", Dynamo(target["DynamoDB_20120810.".Length..]));
                return;
            }

            // SNS Publish (query protocol)
            await Write(res, 200, "text/xml",
                "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>00000000-0000-0000-0000-000000000001</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>");
        }

        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var done = await Task.WhenAny(response.Task, Task.Delay(TimeSpan.FromSeconds(30)), process.WaitForExitAsync());
        var rssMb = PeakRssMb(process.Id);
        if (done != response.Task)
        {
            process.Kill();
            throw new InvalidOperationException($"{bootstrap}: no response (exit {(process.HasExited ? process.ExitCode : -1)}):\n{await stdout}\n{await stderr}");
        }

        var (at, text) = await response.Task;
        process.Kill();
        await process.WaitForExitAsync();
        await stop.CancelAsync();
        listener.Stop();
        if (!text.Contains("/response", StringComparison.Ordinal) || text.Contains("itemIdentifier", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{bootstrap}: the first invocation did not succeed: {text}\n{await stdout}");
        }

        return (Stopwatch.GetElapsedTime(start, await firstNext.Task).TotalMilliseconds, Stopwatch.GetElapsedTime(start, at).TotalMilliseconds, rssMb);
    }

    private static double PeakRssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return double.NaN;
        }
    }

    private static async Task Write(HttpListenerResponse res, int status, string contentType, string body)
    {
        res.StatusCode = status;
        res.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        res.ContentLength64 = bytes.Length;
        await res.OutputStream.WriteAsync(bytes);
        res.Close();
    }

    private static string Dynamo(string operation) => operation switch
    {
        "DescribeTable" => DescribeTable(),
        "Query" => """{"Items":[],"Count":0,"ScannedCount":0}""",
        "BatchGetItem" => """{"Responses":{"denied-findings":[]},"UnprocessedKeys":{}}""",
        _ => "{}",
    };

    private static string DescribeTable()
    {
        var key = (string hash, string range) => new JsonArray(new JsonObject { ["AttributeName"] = hash, ["KeyType"] = "HASH" }, new JsonObject { ["AttributeName"] = range, ["KeyType"] = "RANGE" });
        var table = new JsonObject
        {
            ["TableName"] = "denied-findings",
            ["TableStatus"] = "ACTIVE",
            ["KeySchema"] = key("pk", "sk"),
            ["GlobalSecondaryIndexes"] = new JsonArray(FindingTableSchema.Indexes.Select(i => (JsonNode)new JsonObject
            {
                ["IndexName"] = i.Name,
                ["KeySchema"] = key(i.HashAttribute, "lastSeen"),
                ["Projection"] = new JsonObject { ["ProjectionType"] = "ALL" },
                ["IndexStatus"] = "ACTIVE",
            }).ToArray()),
            ["StreamSpecification"] = new JsonObject { ["StreamEnabled"] = true, ["StreamViewType"] = "NEW_AND_OLD_IMAGES" },
        };
        return new JsonObject { ["Table"] = table }.ToJsonString();
    }

    private static string DetectorEvent() => Encoding.UTF8.GetString(SqsEvents.Batch([Samples.DenialEnvelope]));

    private static string NotifierEvent()
    {
        var diagnosis = new Diagnoser(IamCatalog.Default).Diagnose(CloudTrailRecordParser.Parse(Encoding.UTF8.GetBytes(Samples.DenialEnvelope)).Record!);
        var key = FindingKey.For(diagnosis)!;
        var seen = FindingAggregator.ParseTime(diagnosis.EventTime);
        var finding = new Finding
        {
            Id = key.Id, Key = key, Status = FindingStatus.Open, Count = 1, FirstSeen = seen, LastSeen = seen,
            FunctionNames = diagnosis.Function?.Name is { } f ? [f] : [], SampleEventIds = [diagnosis.EventId!], Diagnosis = diagnosis,
        };
        var item = FindingItemMapper.ToItem(finding);
        var record = new JsonObject
        {
            ["eventID"] = "stream-1",
            ["eventName"] = "INSERT",
            ["eventSource"] = "aws:dynamodb",
            ["eventSourceARN"] = "arn:aws:dynamodb:us-east-1:111122223333:table/denied-findings/stream/2026-11-20T00:00:00.000",
            ["dynamodb"] = new JsonObject
            {
                ["Keys"] = Image(FindingItemMapper.Key(key.Id)),
                ["NewImage"] = Image(item),
                ["SequenceNumber"] = "100000000000000000001",
                ["StreamViewType"] = "NEW_AND_OLD_IMAGES",
            },
        };
        return new JsonObject { ["Records"] = new JsonArray(record) }.ToJsonString();
    }

    private static JsonObject Image(Dictionary<string, AttributeValue> item) =>
        new(item.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Value(kv.Value))));

    private static JsonObject Value(AttributeValue v) =>
        v.S is not null ? new JsonObject { ["S"] = v.S }
        : v.N is not null ? new JsonObject { ["N"] = v.N }
        : v.SS is { Count: > 0 } ss ? new JsonObject { ["SS"] = new JsonArray(ss.Select(s => (JsonNode)s).ToArray()) }
        : v.L is { Count: > 0 } l ? new JsonObject { ["L"] = new JsonArray(l.Select(x => (JsonNode)Value(x)).ToArray()) }
        : v.M is { Count: > 0 } m ? new JsonObject { ["M"] = Image(m) }
        : v.BOOL is { } b ? new JsonObject { ["BOOL"] = b }
        : v.NULL == true ? new JsonObject { ["NULL"] = true }
        : v.IsLSet ? new JsonObject { ["L"] = new JsonArray() }
        : v.IsMSet ? new JsonObject { ["M"] = new JsonObject() }
        : new JsonObject { ["NULL"] = true };

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
