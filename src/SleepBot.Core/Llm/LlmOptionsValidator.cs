using Microsoft.Extensions.Options;

namespace SleepBot.Llm;

/// <summary>Stops the start with a message naming the key when the <c>Llm</c> section cannot work.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        if (!Enum.TryParse<LlmProvider>(options.Provider, ignoreCase: true, out var provider) || int.TryParse(options.Provider, out _))
        {
            return ValidateOptionsResult.Fail(
                $"Llm:Provider '{options.Provider}' is not one of: {string.Join(", ", Enum.GetNames<LlmProvider>())}.");
        }

        if (provider == LlmProvider.None)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"Llm:Model is required when Llm:Provider is {provider}{(provider == LlmProvider.AzureOpenAI ? " (the deployment name)" : "")}.");
        }

        var endpointRequired = provider != LlmProvider.OpenAI;
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (endpointRequired)
            {
                failures.Add($"Llm:Endpoint is required when Llm:Provider is {provider}.");
            }
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            failures.Add($"Llm:Endpoint '{options.Endpoint}' is not an absolute http(s) URL.");
        }

        // Local servers (Ollama, llama.cpp, vLLM) usually need no key; the hosted services always do.
        if (provider != LlmProvider.OpenAICompatible && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"Llm:ApiKey is required when Llm:Provider is {provider}.");
        }

        if (options.TimeoutSeconds is < 1 or > 60)
        {
            failures.Add($"Llm:TimeoutSeconds must be between 1 and 60, not {options.TimeoutSeconds}.");
        }

        if (options.MinSimilarity is < 0 or > 1)
        {
            failures.Add($"Llm:MinSimilarity must be between 0 and 1, not {options.MinSimilarity}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
