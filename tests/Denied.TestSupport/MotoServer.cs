using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Denied.TestSupport;

/// <summary>
/// A moto server (a local AWS) on 127.0.0.1 for integration tests: one process per test collection,
/// started on a free port, reset between tests with <see cref="ResetAsync"/>. Needs python3 with
/// moto[server] (the README's test command installs it where missing). Credentials are dummies:
/// moto checks no signatures. xunit wants collection definitions in the test assembly itself, so each
/// test project declares <c>[CollectionDefinition("moto")] class MotoCollection : ICollectionFixture&lt;MotoServer&gt;</c>.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");
    public string EndpointUrl => Endpoint.ToString().TrimEnd('/');
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", Region);
        Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", Region);
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var psi = new ProcessStartInfo(Python.Executable, $"-m moto.server -H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start moto server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"moto server exited with code {_process.ExitCode}; is moto[server] installed for {Python.Executable}?");
            }

            try
            {
                using var response = await http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"moto server did not answer on {Endpoint} within 60 s");
    }

    /// <summary>Drops every table, queue, topic and rule: each test starts from an empty account.</summary>
    public async Task ResetAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
