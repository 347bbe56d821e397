using System.ComponentModel.DataAnnotations;

namespace SleepBot.Hosting;

/// <summary>Settings of the <c>ThreadPool</c> configuration section (the running bot only; verbs keep the runtime's).</summary>
internal sealed class ThreadPoolOptions
{
    public const string SectionName = "ThreadPool";

    /// <summary>Threads the pool keeps ready beyond one per core: one for each kind of write that blocks its thread.</summary>
    [Range(0, 64, ErrorMessage = "ThreadPool:ExtraMinThreads must be between 0 and 64.")]
    public int ExtraMinThreads { get; set; } = 2;
}
