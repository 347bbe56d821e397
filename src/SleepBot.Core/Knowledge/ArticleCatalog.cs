using YamlDotNet.RepresentationModel;

namespace SleepBot.Knowledge;

public sealed record SourceArticle(string File, string Title, string Stance);

/// <summary>
/// The seed articles the knowledge may cite, read from <c>articles.yaml</c> in the knowledge folder so that
/// replies can name them and lint can reject unknown ones without the articles themselves being present.
/// </summary>
public sealed class ArticleCatalog
{
    public const string FileName = "articles.yaml";

    private readonly Dictionary<string, SourceArticle> _byFile;

    public ArticleCatalog(IEnumerable<SourceArticle> articles) =>
        _byFile = articles.ToDictionary(a => a.File, StringComparer.Ordinal);

    public static ArticleCatalog Empty { get; } = new([]);

    public IReadOnlyCollection<SourceArticle> Articles => _byFile.Values;

    public SourceArticle? Find(string file) => _byFile.GetValueOrDefault(file);

    public static ArticleCatalog? Parse(string yamlText, ICollection<KnowledgeProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            problems.Add(new(FileName, (int)ex.Start.Line, ProblemSeverity.Error, "yaml", $"The list of articles is not valid YAML: {ex.InnerException?.Message ?? ex.Message}"));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode items)
        {
            problems.Add(new(FileName, 1, ProblemSeverity.Error, "articles", "The list of articles should be a list of items with file, title and stance."));
            return null;
        }

        var articles = new List<SourceArticle>();
        foreach (var item in items)
        {
            var line = (int)item.Start.Line;
            if (item is not YamlMappingNode map
                || Scalar(map, "file") is not { Length: > 0 } file
                || Scalar(map, "title") is not { Length: > 0 } title)
            {
                problems.Add(new(FileName, line, ProblemSeverity.Error, "articles", "Each article needs a file and a title."));
                continue;
            }

            articles.Add(new SourceArticle(file, title, Scalar(map, "stance") ?? ""));
        }

        return new ArticleCatalog(articles);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value?.Trim() : null;
}
