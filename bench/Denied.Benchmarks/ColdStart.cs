namespace Denied.Benchmarks; public static class ColdStart { public static Task<int> RunAsync(string[] a) => Task.FromResult(0); }
