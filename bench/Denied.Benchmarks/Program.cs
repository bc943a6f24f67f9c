using BenchmarkDotNet.Running;

namespace Denied.Benchmarks;

/// <summary>
///   dotnet run -c Release --project bench/Denied.Benchmarks -- --filter '*'            BenchmarkDotNet hot paths
///   dotnet run -c Release --project bench/Denied.Benchmarks -- detector-cpu            CPU time per denial event (busy machines)
///   dotnet run -c Release --project bench/Denied.Benchmarks -- detector-alloc          bytes allocated by each stage of the Detector's path
///   dotnet run -c Release --project bench/Denied.Benchmarks -- storm                   store writes and SNS publishes under a storm
///   dotnet run -c Release --project bench/Denied.Benchmarks -- coldstart NAME=DIR ...  time to first response of published bootstraps
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["storm", ..])
        {
            return await Storm.RunAsync();
        }

        if (args is ["detector-cpu", .. var cpuArgs])
        {
            return await DetectorCpu.RunAsync(cpuArgs);
        }

        if (args is ["detector-alloc"])
        {
            return await DetectorAllocations.RunAsync();
        }

        if (args is ["coldstart", .. var rest])
        {
            return await ColdStart.RunAsync(rest);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
