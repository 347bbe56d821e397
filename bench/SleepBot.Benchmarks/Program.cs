using BenchmarkDotNet.Running;
using SleepBot.Benchmarks;

// "report" prints what BenchmarkDotNet does not: per-query tail latencies and topic hit rates, SleepBot against Lucene.
if (args is ["report", ..])
{
    ComparisonReport.Run(Console.Out);
    return;
}

// "diff [entries] [seeds...]" lists each labelled question's top hit from both engines on a generated folder.
if (args is ["diff", ..])
{
    var total = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    foreach (var seed in args.Length > 2 ? args[2..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)) : [20261122])
    {
        HitDiff.Run(Console.Out, total, seed);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
