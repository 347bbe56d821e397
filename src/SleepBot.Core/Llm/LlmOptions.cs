namespace SleepBot.Llm;

public enum LlmProvider
{
    None,
    OpenAI,
    AzureOpenAI,
    OpenAICompatible,
}

/// <summary>The <c>Llm</c> section: which model writes conversational answers, if any.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    // Bound as text so that a typo is reported by the validator, naming the key, instead of a binder exception.
    public string Provider { get; set; } = nameof(LlmProvider.None);

    /// <summary>Base URL of the API, up to and including <c>/v1</c>. Optional for OpenAI.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The chat model (for Azure OpenAI, the deployment name).</summary>
    public string Model { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Longest the parent waits for the model before the extractive answer is sent instead.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>When set, retrieval blends embedding similarity from this model with the lexical score.</summary>
    public string EmbeddingModel { get; set; } = "";

    /// <summary>Least cosine similarity for an entry no lexical term matched to count as a hit at all.</summary>
    public double MinSimilarity { get; set; } = 0.5;

    public LlmProvider Kind => Enum.TryParse<LlmProvider>(Provider, ignoreCase: true, out var kind) ? kind : LlmProvider.None;

    public bool UsesEmbeddings => Kind != LlmProvider.None && !string.IsNullOrWhiteSpace(EmbeddingModel);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    // One budget per question: the question's embedding and the chat call share it, so the parent's wait stays bounded.
    public TimeSpan QueryEmbeddingBudget => UsesEmbeddings ? Timeout / 5 : TimeSpan.Zero;

    public TimeSpan ChatBudget => Timeout - QueryEmbeddingBudget;
}
