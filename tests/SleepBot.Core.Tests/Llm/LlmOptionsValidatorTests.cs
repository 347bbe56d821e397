using SleepBot.Llm;

namespace SleepBot.Tests.Llm;

public sealed class LlmOptionsValidatorTests
{
    [Theory]
    [InlineData("None", "", "", "", null)]
    [InlineData("OpenAI", "", "gpt-4o-mini", "sk-test", null)]
    [InlineData("OpenAICompatible", "http://localhost:11434/v1", "llama3.1", "", null)]
    [InlineData("AzureOpenAI", "https://res.openai.azure.com", "my-deployment", "key", null)]
    [InlineData("Bard", "", "", "", "Llm:Provider 'Bard' is not one of: None, OpenAI, AzureOpenAI, OpenAICompatible.")]
    [InlineData("2", "", "", "", "Llm:Provider '2' is not one of: None, OpenAI, AzureOpenAI, OpenAICompatible.")]
    [InlineData("OpenAICompatible", "http://localhost:11434/v1", "", "", "Llm:Model is required when Llm:Provider is OpenAICompatible.")]
    [InlineData("OpenAICompatible", "", "llama3.1", "", "Llm:Endpoint is required when Llm:Provider is OpenAICompatible.")]
    [InlineData("OpenAICompatible", "localhost:11434", "llama3.1", "", "Llm:Endpoint 'localhost:11434' is not an absolute http(s) URL.")]
    [InlineData("AzureOpenAI", "https://res.openai.azure.com", "", "key", "Llm:Model is required when Llm:Provider is AzureOpenAI (the deployment name).")]
    [InlineData("OpenAI", "", "gpt-4o-mini", "", "Llm:ApiKey is required when Llm:Provider is OpenAI.")]
    public void Each_failure_names_the_key(string provider, string endpoint, string model, string apiKey, string? failure)
    {
        var result = new LlmOptionsValidator().Validate(null, new LlmOptions { Provider = provider, Endpoint = endpoint, Model = model, ApiKey = apiKey });

        Assert.Equal(failure, result.FailureMessage);
    }

    [Fact]
    public void The_timeout_must_be_sensible()
    {
        var result = new LlmOptionsValidator().Validate(null, new LlmOptions { Provider = "OpenAICompatible", Endpoint = "http://x/v1", Model = "m", TimeoutSeconds = 0 });

        Assert.Equal("Llm:TimeoutSeconds must be between 1 and 60, not 0.", result.FailureMessage);
    }
}
