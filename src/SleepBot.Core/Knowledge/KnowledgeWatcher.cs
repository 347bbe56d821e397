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

    // Never disposed: file-system events may still arrive from the watcher's threads while the host stops,
    // and a SemaphoreSlim whose wait handle is never used holds nothing that needs disposing.
    private readonly SemaphoreSlim _changed = new(0);
    private volatile bool _watchFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (watcher is not null && (_watchFailed || !Directory.Exists(store.FolderPath)))
                {
                    watcher.Dispose();
                    watcher = null;
                }

                if (watcher is null && Directory.Exists(store.FolderPath))
                {
                    _watchFailed = false;
                    watcher = Watch();

                    // The folder may have changed while nobody was watching.
                    store.Reload();
                }

                if (await _changed.WaitAsync(RewatchInterval, stoppingToken))
                {
                    await Task.Delay(QuietPeriod, time, stoppingToken);
                    while (_changed.Wait(0))
                    {
                    }

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
    }

    private FileSystemWatcher Watch()
    {
        var watcher = new FileSystemWatcher(store.FolderPath)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => _changed.Release();
        watcher.Created += (_, _) => _changed.Release();
        watcher.Deleted += (_, _) => _changed.Release();
        watcher.Renamed += (_, _) => _changed.Release();
        watcher.Error += (_, e) =>
        {
            LogWatchFailed(e.GetException());
            _watchFailed = true;
            _changed.Release();
        };
        watcher.EnableRaisingEvents = true;
        LogWatching(store.FolderPath);
        return watcher;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Path} for knowledge changes")]
    private partial void LogWatching(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped watching the knowledge folder; will watch again when it is back")]
    private partial void LogWatchFailed(Exception exception);
}
