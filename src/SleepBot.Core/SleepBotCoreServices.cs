using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Llm;
using SleepBot.Moderation;
using SleepBot.Retrieval;
using SleepBot.Safety;
using SleepBot.Storage;

namespace SleepBot;

public static class SleepBotCoreServices
{
    /// <summary>Knowledge, retrieval, safety and answering: everything a message needs, with no channel attached.</summary>
    public static IServiceCollection AddSleepBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.WeakScore >= o.MinScore, "Retrieval:WeakScore must be at least Retrieval:MinScore.").ValidateOnStart();
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection(SafetyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SafetyOptions>, SafetyOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path;
            return new KnowledgeFolder(Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, path));
        });
        services.AddSingleton<KnowledgeStore>();
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqliteCoverageLog>();
        services.AddSingleton<ICoverageLog>(sp => sp.GetRequiredService<SqliteCoverageLog>());
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteFlagStore>();
        services.AddSingleton<ModeratorPostSignal>();
        services.AddSingleton<ModeratorPostQueue>();
        services.TryAddSingleton<IFlagSink>(sp => sp.GetRequiredService<SqliteFlagStore>());
        // Registered here rather than per mode, so terminal chat and Discord both purge (verbs never start hosted services).
        services.AddHostedService<FlagTextPurger>();
        services.AddSleepBotLlm(configuration);
        services.TryAddSingleton<IAnswerWriter, ExtractiveAnswerWriter>();
        services.AddSingleton<AnswerPipeline>();
        return services;
    }

    /// <summary>
    /// For the running bot (Discord or terminal chat): weakly answered questions are queued and written to the coverage
    /// log by <see cref="CoverageWriter"/>, off the reply path. Verbs run no hosted services, so they keep writing at once.
    /// Register it before the services that answer, so that it stops after them and writes what their last answers queued.
    /// </summary>
    public static IServiceCollection AddQueuedCoverageLog(this IServiceCollection services)
    {
        services.AddSingleton<CoverageQueue>();
        services.Replace(ServiceDescriptor.Singleton<ICoverageLog>(sp => sp.GetRequiredService<CoverageQueue>()));
        services.AddHostedService<CoverageWriter>();
        return services;
    }
}
