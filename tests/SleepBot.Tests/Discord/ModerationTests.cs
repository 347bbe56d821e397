using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SleepBot.Answering;
using SleepBot.Moderation;
using SleepBot.Safety;
using SleepBot.Tests.Cli;
using SleepBot.Testing.Discord;
using static SleepBot.Tests.Discord.BotHarness;

namespace SleepBot.Tests.Discord;

public sealed class ModerationTests
{
    private const ulong ModeratorChannel = 1_400_000_000_000_000_009;
    private const ulong ModeratorRole = 1_600_000_000_000_000_001;
    private const ulong Moderator = 1_500_000_000_000_000_011;
    private const ulong OtherModerator = 1_500_000_000_000_000_012;
    private const ulong ManageMessages = 8192;
    private const ulong Administrator = 8;
    private const string HelpReply = "Please call 999 now.";

    private static readonly SafetyVerdict Emergency = new(SafetyTier.Emergency, [SafetyCategory.Illness, SafetyCategory.YoungInfant], ["fever 39C", "age 3 weeks"]);
    private static readonly SafetyVerdict Doctor = new(SafetyTier.Doctor, [SafetyCategory.Hunger], ["not feeding"]);

    [Fact]
    public async Task A_distress_message_gets_a_reply_a_stored_flag_and_a_moderator_post_that_only_a_moderator_can_resolve()
    {
        await using var bot = await StartModeratedAsync();

        var question = await bot.Simulator.SendUserMessageAsync(HelpChannel, "my 3 week old has a fever of 39C and won't stop crying", authorId: Parent);

        var reply = await bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == question.Id || m.ReplyToMessageId == question.Id, "the reply to the parent");
        Assert.Empty(reply.Pings);
        var flag = Assert.Single(await Store(bot).ListAsync(status: null, CancellationToken.None));
        Assert.Equal((Id(HelpChannel), Id(question.Id), Id(Parent)), (flag.ChannelId, flag.MessageId, flag.AuthorId));
        Assert.Equal(SafetyTier.Emergency, flag.Verdict.Tier);
        var post = await PostOfAsync(bot, flag.Id);
        Assert.Contains($"https://discord.com/channels/{bot.Simulator.GuildId}/{HelpChannel}/{question.Id}", post.Content);
        Assert.Equal(["Acknowledge", "Resolve", "False alarm"], Buttons(post.Components).Select(b => b.Label));

        var stranger = await bot.Simulator.SendButtonClickAsync(post, $"flag:resolve:{flag.Id}", OtherParent);
        await bot.Simulator.WaitUntilAsync(_ => stranger.CallbackType is not null, "the stranger's click to be answered");
        Assert.Equal((4, 64), (stranger.CallbackType, stranger.CallbackData!["flags"]!.GetValue<int>()));
        Assert.Equal(FlagStatus.Open, (await Store(bot).GetAsync(flag.Id, CancellationToken.None))!.Status);

        var moderator = await bot.Simulator.SendButtonClickAsync(post, $"flag:resolve:{flag.Id}", Moderator, [ModeratorRole]);
        await bot.Simulator.WaitUntilAsync(_ => moderator.CallbackType is not null, "the moderator's click to be answered");
        Assert.Equal(7, moderator.CallbackType);
        Assert.Equal(FlagStatus.Resolved, (await Store(bot).GetAsync(flag.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_flag_is_posted_once_with_tier_categories_signals_link_reply_three_buttons_and_a_role_ping()
    {
        await using var bot = await StartModeratedAsync();

        var flagId = await FlagAsync(bot, Emergency, messageId: 777);
        var post = await PostOfAsync(bot, flagId);

        Assert.Contains("emergency", post.Content);
        Assert.Contains("illness, young_infant", post.Content);
        Assert.Contains("fever 39C; age 3 weeks", post.Content);
        Assert.Contains($"https://discord.com/channels/{bot.Simulator.GuildId}/{HelpChannel}/777", post.Content);
        Assert.Contains("> " + HelpReply, post.Content);
        Assert.Equal(
            [("Acknowledge", $"flag:ack:{flagId}", false), ("Resolve", $"flag:resolve:{flagId}", false), ("False alarm", $"flag:false_alarm:{flagId}", false)],
            Buttons(post.Components));
        Assert.Equal([$"role:{ModeratorRole}"], post.Pings);
        await Task.Delay(200);
        Assert.Single(bot.Simulator.BotMessages, m => m.ChannelId == ModeratorChannel);
    }

    [Fact]
    public async Task Flags_below_emergency_and_crisis_ping_nobody()
    {
        await using var bot = await StartModeratedAsync();

        var post = await PostOfAsync(bot, await FlagAsync(bot, Doctor, messageId: 778));

        Assert.Empty(post.Pings);
        Assert.DoesNotContain("<@&", post.Content);
    }

    [Theory]
    [InlineData(false, 0UL, false)]
    [InlineData(false, 1024UL | 2048UL, false)]
    [InlineData(true, 0UL, true)]
    [InlineData(false, ManageMessages, true)]
    [InlineData(false, Administrator, true)]
    public async Task Clicks_are_checked_for_the_moderator_role_or_manage_messages_or_administrator(bool hasRole, ulong permissions, bool allowed)
    {
        await using var bot = await StartModeratedAsync();
        var flagId = await FlagAsync(bot, Emergency, messageId: 779);
        var post = await PostOfAsync(bot, flagId);

        var click = await bot.Simulator.SendButtonClickAsync(post, $"flag:ack:{flagId}", Moderator, hasRole ? [ModeratorRole] : [], permissions);
        await bot.Simulator.WaitUntilAsync(_ => click.CallbackType is not null, "the click to be answered");

        var flag = await Store(bot).GetAsync(flagId, CancellationToken.None);
        if (allowed)
        {
            Assert.Equal(7, click.CallbackType);
            Assert.Equal(FlagStatus.Acknowledged, flag!.Status);
            Assert.Equal(Moderator.ToString(CultureInfo.InvariantCulture), flag.LastDecision.ModeratorId);
        }
        else
        {
            Assert.Equal(4, click.CallbackType);
            Assert.Equal(64, click.CallbackData!["flags"]!.GetValue<int>());
            Assert.Contains("Only moderators", click.CallbackData["content"]!.GetValue<string>());
            Assert.Equal(FlagStatus.Open, flag!.Status);
            Assert.Single(flag.Actions);
        }
    }

    [Fact]
    public async Task A_moderator_click_resolves_and_updates_the_message_and_flags_list_shows_it_after_a_restart()
    {
        var database = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        long flagId;
        try
        {
            await using (var bot = await StartModeratedAsync(database))
            {
                flagId = await FlagAsync(bot, Emergency, messageId: 780);
                var post = await PostOfAsync(bot, flagId);

                var click = await bot.Simulator.SendButtonClickAsync(post, $"flag:resolve:{flagId}", Moderator, [ModeratorRole]);
                await bot.Simulator.WaitUntilAsync(_ => click.CallbackType is not null, "the click to be answered");

                Assert.Equal(7, click.CallbackType);
                var content = click.CallbackData!["content"]!.GetValue<string>();
                Assert.Contains("status: **resolved**", content);
                Assert.Contains($"resolved by <@{Moderator}> at ", content);
                Assert.Equal([true, true, true], Buttons(click.CallbackData["components"]!.AsArray()).Select(b => b.Disabled));
                // The click's own response updated the post; the outbox does not edit it again.
                await Task.Delay(300);
                Assert.DoesNotContain(bot.Simulator.Requests, r => r.Method == "PATCH");
            }

            // The bot restarted on the same file: the decision is still there, and the flag is not posted again.
            await using (var restarted = await StartModeratedAsync(database))
            {
                await Task.Delay(500);
                Assert.DoesNotContain(restarted.Simulator.BotMessages, m => m.ChannelId == ModeratorChannel);
            }

            var list = await SleepBotProcess.RunAsync(["flags", "list", "--status", "all", "--json"],
                environment: new Dictionary<string, string> { ["ConnectionStrings__SleepBot"] = "Data Source=" + database });
            Assert.True(list.ExitCode == 0, list.Stderr);
            var flag = JsonNode.Parse(list.Stdout)!.AsArray().Single(f => f!["id"]!.GetValue<long>() == flagId)!;
            Assert.Equal("resolved", flag["status"]!.GetValue<string>());
            var resolved = flag["actions"]!.AsArray().Single(a => a!["action"]!.GetValue<string>() == "resolved")!;
            Assert.Equal(Moderator.ToString(CultureInfo.InvariantCulture), resolved["moderatorId"]!.GetValue<string>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    [Fact]
    public async Task Acknowledging_leaves_only_resolve_and_false_alarm_enabled()
    {
        await using var bot = await StartModeratedAsync();
        var flagId = await FlagAsync(bot, Emergency, messageId: 781);
        var post = await PostOfAsync(bot, flagId);

        var click = await bot.Simulator.SendButtonClickAsync(post, $"flag:ack:{flagId}", Moderator, [ModeratorRole]);
        await bot.Simulator.WaitUntilAsync(_ => click.CallbackType is not null, "the click to be answered");

        Assert.Equal([true, false, false], Buttons(click.CallbackData!["components"]!.AsArray()).Select(b => b.Disabled));
    }

    [Fact]
    public async Task Two_moderators_clicking_at_once_one_wins_and_the_other_is_told_who_did_what()
    {
        await using var bot = await StartModeratedAsync();
        var flagId = await FlagAsync(bot, Emergency, messageId: 782);
        var post = await PostOfAsync(bot, flagId);

        var clicks = await Task.WhenAll(
            bot.Simulator.SendButtonClickAsync(post, $"flag:resolve:{flagId}", Moderator, [ModeratorRole]),
            bot.Simulator.SendButtonClickAsync(post, $"flag:false_alarm:{flagId}", OtherModerator, [], ManageMessages));
        await bot.Simulator.WaitUntilAsync(_ => clicks.All(c => c.CallbackType is not null), "both clicks to be answered");

        var winner = Assert.Single(clicks, c => c.CallbackType == 7);
        var loser = Assert.Single(clicks, c => c.CallbackType == 4);
        Assert.Equal(64, loser.CallbackData!["flags"]!.GetValue<int>());
        var told = loser.CallbackData["content"]!.GetValue<string>();
        Assert.Contains($"<@{winner.UserId}>", told);
        Assert.Contains("Nothing was changed", told);
        var flag = await Store(bot).GetAsync(flagId, CancellationToken.None);
        Assert.Equal(winner.UserId.ToString(CultureInfo.InvariantCulture), flag!.LastDecision.ModeratorId);
        Assert.Equal(2, flag.Actions.Count);
    }

    [Fact]
    public async Task A_post_that_Discord_fails_is_retried_by_the_outbox_until_it_lands_once()
    {
        // Four 500s outlast the REST client's own three retries, so the outbox has to try again.
        await using var bot = await StartModeratedAsync(configure: s => s.AddFault(RestFault.ServerError($"POST /channels/{ModeratorChannel}/messages", times: 4)));

        var flagId = await FlagAsync(bot, Emergency, messageId: 783);
        var post = await PostOfAsync(bot, flagId, timeout: TimeSpan.FromSeconds(40));

        Assert.Contains(bot.Logs.GetSnapshot(), r => r.Message.StartsWith($"Posting flag {flagId} failed (attempt 1)", StringComparison.Ordinal));
        var attempts = bot.Simulator.Requests.Where(r => r.Method == "POST" && r.Path == $"/channels/{ModeratorChannel}/messages").ToList();
        Assert.Equal([500, 500, 500, 500, 200], attempts.Select(r => r.Status));
        Assert.Single(attempts.Select(r => r.Json!["nonce"]!.GetValue<string>()).Distinct());
        Assert.Equal(post.Nonce, attempts[0].Json!["nonce"]!.GetValue<string>());
        Assert.Single(bot.Simulator.BotMessages, m => m.ChannelId == ModeratorChannel);
        string? recorded = null;
        await SleepBot.Testing.Eventually.TrueAsync(() => (recorded = PostedMessageId(bot, flagId)) is not null, "the posted message to be recorded in the outbox");
        Assert.Equal(Id(post.Id), recorded);
        Assert.Null(await bot.Host.Services.GetRequiredService<ModeratorPostQueue>().NextDueAtAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_decision_taken_outside_Discord_edits_the_post()
    {
        await using var bot = await StartModeratedAsync();
        var flagId = await FlagAsync(bot, Emergency, messageId: 785);
        var post = await PostOfAsync(bot, flagId);

        await Store(bot).DecideAsync(flagId, FlagDecision.FalseAlarm, "terminal:ann", "thermometer was wrong", CancellationToken.None);

        await bot.Simulator.WaitUntilAsync(_ => post.EditCount == 1, "the post to be edited");
        Assert.Contains("status: **false_alarm**", post.Content);
        Assert.Contains("false_alarm by terminal:ann at ", post.Content);
        Assert.Contains("thermometer was wrong", post.Content);
        Assert.Equal([true, true, true], Buttons(post.Components).Select(b => b.Disabled));
        var queue = bot.Host.Services.GetRequiredService<ModeratorPostQueue>();
        await SleepBot.Testing.Eventually.TrueAsync(() => queue.RefreshesDueAsync(10, CancellationToken.None).GetAwaiter().GetResult().Count == 0,
            "the refresh to be cleared");
    }

    [Fact]
    public async Task Flags_command_is_hidden_from_non_moderators_and_checked_on_use()
    {
        await using var bot = await StartModeratedAsync();

        var flags = bot.Simulator.CommandRegistrations.Single().Commands.Single(c => c!["name"]!.GetValue<string>() == "flags")!;
        Assert.Equal("8192", flags["default_member_permissions"]!.GetValue<string>());
        Assert.Equal(["list", "show", "resolve"], flags["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));

        var refused = await SendFlagsAsync(bot, "list", [], userId: Parent, roles: [], permissions: 0);
        await bot.Simulator.WaitUntilAsync(_ => refused.CallbackType is not null, "the refusal");
        Assert.Equal(4, refused.CallbackType);
        Assert.Equal(64, refused.CallbackData!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task Flags_resolve_with_a_note_records_it_and_updates_the_post()
    {
        await using var bot = await StartModeratedAsync();
        var flagId = await FlagAsync(bot, Emergency, messageId: 784);
        var post = await PostOfAsync(bot, flagId);

        var listed = await SendFlagsAsync(bot, "list", [], Moderator, [ModeratorRole], 0);
        await bot.Simulator.WaitUntilAsync(_ => listed.Original is { EditCount: 1 }, "the list");
        Assert.Contains($"#{flagId} · emergency · open", listed.Original!.Content);

        var resolve = await SendFlagsAsync(bot, "resolve", [("id", (JsonNode)JsonValue.Create(flagId)), ("note", (JsonNode)JsonValue.Create("phoned, baby seen by GP"))], Moderator, [ModeratorRole], 0);
        await bot.Simulator.WaitUntilAsync(_ => resolve.Original is { EditCount: 1 } && post.EditCount == 1, "the answer and the post's update");

        Assert.Equal(5, resolve.CallbackType);
        Assert.True(resolve.Original!.Ephemeral);
        Assert.Contains($"Flag {flagId} resolved", resolve.Original.Content);
        Assert.Contains("phoned, baby seen by GP", post.Content);
        Assert.Equal([true, true, true], Buttons(post.Components).Select(b => b.Disabled));
        var flag = await Store(bot).GetAsync(flagId, CancellationToken.None);
        Assert.Equal(("phoned, baby seen by GP", Moderator.ToString(CultureInfo.InvariantCulture)), (flag!.LastDecision.Note, flag.LastDecision.ModeratorId));
    }

    [Fact]
    public async Task A_broken_knowledge_edit_is_reported_once_in_the_moderators_channel()
    {
        var folder = SleepBotProcess.CopyOfShippedKnowledge();

        await using var bot = await StartModeratedAsync(knowledgePath: folder);
        var victim = Path.Combine(folder, "check_ins", "should-i-go-in.md");
        await File.WriteAllTextAsync(victim, (await File.ReadAllTextAsync(victim)).Replace("topic: check_ins", "topic: [check_ins", StringComparison.Ordinal));

        var post = await bot.Simulator.WaitForBotMessageAsync(
            m => m.ChannelId == ModeratorChannel && m.Content.Contains("check_ins/should-i-go-in.md", StringComparison.Ordinal), "the knowledge problem post");
        Assert.Empty(post.Pings);
        var question = await bot.Simulator.SendUserMessageAsync(HelpChannel, "how long should I wait before going in?", authorId: Parent);
        await bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == question.Id || m.ReplyToMessageId == question.Id, "the answer, from the last good knowledge");
        Assert.Single(bot.Simulator.BotMessages, m => m.ChannelId == ModeratorChannel && m.Content.Contains("should-i-go-in", StringComparison.Ordinal));
    }

    private static Task<BotHarness> StartModeratedAsync(string? database = null, Action<DiscordSimulator>? configure = null, string? knowledgePath = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:ModeratorChannelId"] = ModeratorChannel.ToString(CultureInfo.InvariantCulture),
            ["Discord:ModeratorRoleIds:0"] = ModeratorRole.ToString(CultureInfo.InvariantCulture),
        };
        if (knowledgePath is not null)
        {
            settings["Knowledge:Path"] = knowledgePath;
        }

        return BotHarness.StartAsync(configure, settings: settings, database: database);
    }

    private static SqliteFlagStore Store(BotHarness bot) => bot.Host.Services.GetRequiredService<SqliteFlagStore>();

    /// <summary>Stores a flag as the pipeline does for a distress message in the help channel.</summary>
    private static Task<long> FlagAsync(BotHarness bot, SafetyVerdict verdict, ulong messageId)
    {
        var origin = new MessageOrigin("discord", Id(bot.Simulator.GuildId), Id(HelpChannel), Id(messageId), Id(Parent));
        var question = new Question("my 3 week old has a fever of 39C and won't settle") { Origin = origin };
        return Store(bot).AddAsync(new FlaggedReply(question, verdict, HelpReply, DateTimeOffset.UtcNow), CancellationToken.None);
    }

    private static Task<SimMessage> PostOfAsync(BotHarness bot, long flagId, TimeSpan? timeout = null) =>
        bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == ModeratorChannel && m.Content.Contains($"**Flag {flagId} ·", StringComparison.Ordinal),
            $"flag {flagId} in the moderators' channel", timeout);

    private static Task<SimInteraction> SendFlagsAsync(
        BotHarness bot, string subCommand, IReadOnlyList<(string Name, JsonNode Value)> options, ulong userId, IReadOnlyList<ulong> roles, ulong permissions) =>
        bot.Simulator.SendSubCommandAsync("flags", subCommand, options.ToDictionary(o => o.Name, o => o.Value), GeneralChannel, userId, roles, permissions);

    private static List<(string Label, string CustomId, bool Disabled)> Buttons(JsonArray? rows) =>
        [.. rows!.Single()!["components"]!.AsArray().Select(b => (
            b!["label"]!.GetValue<string>(),
            b["custom_id"]!.GetValue<string>(),
            b["disabled"]?.GetValue<bool>() ?? false))];

    private static string? PostedMessageId(BotHarness bot, long flagId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + bot.Database);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT message_id FROM moderator_posts WHERE flag_id = {flagId}";
        return select.ExecuteScalar() as string;
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
