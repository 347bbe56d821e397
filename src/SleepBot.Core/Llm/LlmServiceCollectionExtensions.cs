using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using SleepBot.Answering;
using SleepBot.Retrieval;

namespace SleepBot.Llm;

public static class LlmServiceCollectionExtensions
{
    public const string HttpClientName = "SleepBot.Llm";

    // Local OpenAI-compatible servers ignore the key, but the client library requires one.
    private const string KeylessPlaceholder = "unused";

    /// <summary>
    /// Validates the <c>Llm</c> section and, when a provider is configured, answers through the model (and, with
    /// <c>Llm:EmbeddingModel</c>, retrieves with embeddings too). Call before the extractive writer is added.
    /// </summary>
    public static IServiceCollection AddSleepBotLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.SectionName);
        services.AddOptions<LlmOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());

        var configured = section.Get<LlmOptions>() ?? new LlmOptions();
        if (configured.Kind == LlmProvider.None)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<LlmMetrics>();
        services.AddHttpClient(HttpClientName)
            .AddResilienceHandler("llm", (builder, context) => LlmResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LlmResilience))));

        services.TryAddSingleton(sp => CreateClient(
            sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.TryAddSingleton<IChatCompletionService>(sp => new OpenAIChatCompletionService(
            sp.GetRequiredService<IOptions<LlmOptions>>().Value.Model, sp.GetRequiredService<OpenAIClient>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IAnswerWriter, GroundedAnswerWriter>();

        if (configured.UsesEmbeddings)
        {
            services.TryAddSingleton(sp => sp.GetRequiredService<OpenAIClient>()
                .GetEmbeddingClient(sp.GetRequiredService<IOptions<LlmOptions>>().Value.EmbeddingModel).AsIEmbeddingGenerator());
            services.TryAddSingleton(sp => new EmbeddingCache(
                Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, EmbeddingCache.DefaultFolder),
                sp.GetRequiredService<IOptions<LlmOptions>>().Value.EmbeddingModel));
            services.TryAddSingleton<IKnowledgeSearch, HybridKnowledgeSearch>();
        }

        return services;
    }

    private static OpenAIClient CreateClient(LlmOptions options, HttpClient httpClient)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(httpClient),
            // Retries belong to the resilience handler, which honours Retry-After inside the answer's time budget.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            clientOptions.Endpoint = BaseAddress(options);
        }

        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? KeylessPlaceholder : options.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions);
    }

    // Azure OpenAI's v1 API speaks the OpenAI protocol under /openai/v1; operators often paste just the resource URL.
    internal static Uri BaseAddress(LlmOptions options)
    {
        var endpoint = new Uri(options.Endpoint);
        return options.Kind == LlmProvider.AzureOpenAI && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, "/openai/v1/")
            : endpoint;
    }
}
