namespace SleepBot.Knowledge;

/// <summary>Remembers questions the knowledge answered weakly or not at all, for the consultant.</summary>
public interface ICoverageLog
{
    Task RecordAsync(string question, double bestScore, CancellationToken cancellationToken);
}
