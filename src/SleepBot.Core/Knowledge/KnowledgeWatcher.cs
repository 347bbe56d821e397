using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SleepBot.Knowledge;

/// <summary>
/// Reloads the knowledge shortly after the consultant saves a file. Editors write a file in several steps
/// (truncate, write, rename), so changes are gathered for a short quiet period before one reload.
/// </summary>
public sealed partial class KnowledgeWatcher(KnowledgeStore store, TimeProvider time, ILogger<KnowledgeWatcher> logger) : BackgroundService
{
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(150);

    // The watcher can die with its folder (deleted, unmounted); a periodic check brings it back.
    private static readonly TimeSpan RewatchInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                watcher ??= TryWatch();
                if (await _changed.WaitAsync(RewatchInterval, stoppingToken))
                {
                    await Task.Delay(QuietPeriod, time, stoppingToken);
                    while (_changed.CurrentCount > 0)
                    {
                        await _changed.WaitAsync(stoppingToken);
                    }

                    store.Reload();
                }
                else if (!Directory.Exists(store.FolderPath))
                {
                    watcher?.Dispose();
                    watcher = null;
                }
                else if (watcher is null)
                {
                    // The folder came back: pick up whatever it holds now.
                    store.Reload();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            watcher?.Dispose();
        }

        FileSystemWatcher? TryWatch()
        {
            if (!Directory.Exists(store.FolderPath))
            {
                return null;
            }

            var created = new FileSystemWatcher(store.FolderPath) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            created.Changed += (_, _) => _changed.Release();
            created.Created += (_, _) => _changed.Release();
            created.Deleted += (_, _) => _changed.Release();
            created.Renamed += (_, _) => _changed.Release();
            created.Error += (_, e) =>
            {
                LogWatchFailed(e.GetException());
                watcher?.Dispose();
                watcher = null;
                _changed.Release();
            };
            created.EnableRaisingEvents = true;
            LogWatching(store.FolderPath);
            return created;
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Path} for knowledge changes")]
    private partial void LogWatching(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped watching the knowledge folder; will watch again when it is back")]
    private partial void LogWatchFailed(Exception exception);
}
