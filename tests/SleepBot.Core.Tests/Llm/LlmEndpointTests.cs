using SleepBot.Llm;

namespace SleepBot.Tests.Llm;

public sealed class LlmEndpointTests
{
    [Theory]
    [InlineData("AzureOpenAI", "https://res.openai.azure.com", "https://res.openai.azure.com/openai/v1/")]
    [InlineData("AzureOpenAI", "https://res.openai.azure.com/openai/v1/", "https://res.openai.azure.com/openai/v1/")]
    [InlineData("OpenAICompatible", "http://localhost:11434/v1", "http://localhost:11434/v1")]
    public void Azure_resource_urls_get_the_v1_path_and_others_are_used_as_given(string provider, string endpoint, string expected)
    {
        var address = LlmServiceCollectionExtensions.BaseAddress(new LlmOptions { Provider = provider, Endpoint = endpoint });

        Assert.Equal(expected, address.ToString());
    }
}
