using Microsoft.Extensions.Logging;

namespace SleepBot.Knowledge;

/// <summary>
/// Holds the snapshot every message is answered from and swaps in a new one on reload. Readers never lock:
/// they take <see cref="Current"/> once and keep a consistent view for the whole message.
/// </summary>
public sealed partial class KnowledgeStore
{
    private readonly KnowledgeFolder _folder;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeStore> _logger;
    private readonly Lock _reloadLock = new();
    private volatile KnowledgeSnapshot _current;

    public KnowledgeStore(KnowledgeFolder folder, TimeProvider time, ILogger<KnowledgeStore> logger)
    {
        _folder = folder;
        _time = time;
        _logger = logger;
        _current = new KnowledgeSnapshot([], Retrieval.SearchIndex.Empty, new Safety.SafetyChecker(Safety.SafetyRuleSet.Empty), ArticleCatalog.Empty, [], time.GetUtcNow());
        Reload();
    }

    /// <summary>Raised after each reload with the snapshot now serving, so problems can be reported.</summary>
    public event Action<KnowledgeSnapshot>? Reloaded;

    public KnowledgeSnapshot Current => _current;

    public string FolderPath => _folder.Path;

    /// <summary>Re-reads changed files. If the folder itself is gone, the last good knowledge keeps serving.</summary>
    public KnowledgeSnapshot Reload()
    {
        lock (_reloadLock)
        {
            KnowledgeSnapshot next;
            try
            {
                next = _folder.Load(_time.GetUtcNow());

                // A load that raced the folder's deletion saw some files and missed others (the safety rules, say);
                // serving that, with nothing left to reload from, would be worse than the last good knowledge.
                if (!Directory.Exists(_folder.Path))
                {
                    throw new DirectoryNotFoundException($"The knowledge folder '{_folder.Path}' was deleted while it was being read.");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogFolderUnavailable(ex, _folder.Path);
                return _current;
            }

            _current = next;
            LogReloaded(next.Entries.Count, next.Problems.Count(p => p.Severity == ProblemSeverity.Error), next.Problems.Count(p => p.Severity == ProblemSeverity.Warning));
            foreach (var problem in next.Problems.Where(p => p.Severity == ProblemSeverity.Error))
            {
                LogProblem(problem.File, problem.Line, problem.Message);
            }

            Reloaded?.Invoke(next);
            return next;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge loaded: {Entries} entries, {Errors} errors, {Warnings} warnings")]
    private partial void LogReloaded(int entries, int errors, int warnings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge problem in {File}:{Line}: {Problem}")]
    private partial void LogProblem(string file, int line, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge folder {Path} could not be read; still serving the last good knowledge")]
    private partial void LogFolderUnavailable(Exception exception, string path);
}
