using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SleepBot.Moderation;

namespace SleepBot.Core.Tests.Moderation;

public sealed class ModerationOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100000")]
    public void A_wrong_retention_stops_the_start_naming_the_setting(string days)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Validate(days));

        Assert.Contains("Moderation:TextRetentionDays", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_defaults_to_30_days()
    {
        using var host = Build(days: null);

        Assert.Equal(30, Options(host).TextRetentionDays);
    }

    private static void Validate(string days)
    {
        using var host = Build(days);
        _ = Options(host);
    }

    private static ModerationOptions Options(IHost host) => host.Services.GetRequiredService<IOptions<ModerationOptions>>().Value;

    private static IHost Build(string? days)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Path.GetTempPath() });
        if (days is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Moderation:TextRetentionDays"] = days });
        }

        builder.Services.AddSleepBotCore(builder.Configuration);
        return builder.Build();
    }
}
