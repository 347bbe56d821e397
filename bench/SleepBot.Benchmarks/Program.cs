using BenchmarkDotNet.Running;
using SleepBot.Benchmarks;

// "report" prints what BenchmarkDotNet does not: per-query tail latencies and topic hit rates, SleepBot against Lucene.
if (args is ["report", ..])
{
    ComparisonReport.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
