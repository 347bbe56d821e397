namespace SleepBot.Knowledge;

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>Something wrong in a knowledge or safety-rule file, told in the consultant's words.</summary>
/// <param name="File">Path relative to the knowledge folder, with forward slashes.</param>
/// <param name="Line">1-based line the problem is on; 0 when it concerns the whole folder.</param>
/// <param name="Rule">A short stable code (e.g. <c>yaml</c>, <c>unknown-topic</c>) so tools and tests can tell problems apart.</param>
public sealed record KnowledgeProblem(string File, int Line, ProblemSeverity Severity, string Rule, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}: {(Severity == ProblemSeverity.Error ? "error" : "warning")} [{Rule}] {Message}";
}
