using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SleepBot.Discord.Tests;

public sealed class DiscordOptionsTests
{
    [Fact]
    public void Binds_the_discord_section_with_snowflakes_as_strings()
    {
        var options = Resolve(new()
        {
            ["Discord:Token"] = "abc.def",
            ["Discord:GuildIds:0"] = "1100000000000000003",
            ["Discord:HelpChannelIds:0"] = "1100000000000000010",
            ["Discord:ModeratorChannelId"] = "1100000000000000011",
            ["Discord:ModeratorRoleIds:0"] = "1100000000000000012",
        });

        Assert.Equal("https://discord.com/api/v10", options.ApiBaseUrl);
        Assert.Equal([1100000000000000003UL], options.GuildIds);
        Assert.Equal([1100000000000000010UL], options.HelpChannelIds);
        Assert.Equal(1100000000000000011UL, options.ModeratorChannelId);
        Assert.Equal([1100000000000000012UL], options.ModeratorRoleIds);
    }

    [Fact]
    public void An_empty_moderator_channel_means_none()
    {
        var options = Resolve(new() { ["Discord:Token"] = "abc", ["Discord:ModeratorChannelId"] = "" });

        Assert.Null(options.ModeratorChannelId);
    }

    [Theory]
    [InlineData("Discord:ApiBaseUrl", "discord.com/api", "Discord:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Discord:ApiBaseUrl", "ftp://discord.com/api", "Discord:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Discord:Token", "", "Discord:Token is required")]
    [InlineData("Discord:Token", "Bot abc", "Discord:Token must be the bare bot token")]
    [InlineData("Discord:GuildIds:0", "0", "Discord:GuildIds")]
    public void Invalid_settings_fail_with_a_message_naming_the_key(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Discord:Token"] = "abc", [key] = value }));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ToString_never_shows_the_token()
    {
        var options = Resolve(new() { ["Discord:Token"] = "super-secret-token" });

        Assert.DoesNotContain("super-secret-token", options.ToString());
    }

    private static DiscordOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddDiscordClient(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<DiscordOptions>>().Value;
    }
}
