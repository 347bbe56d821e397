using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SleepBot.Answering;
using SleepBot.Discord;
using SleepBot.Moderation;
using SleepBot.Safety;
using SleepBot.Tests.Cli;
using SleepBot.Testing.Discord;
using static SleepBot.Tests.Discord.BotHarness;

namespace SleepBot.Tests.Discord;

public sealed class DiscordBotTests
{
    [Fact]
    public async Task Registers_ask_with_one_put_per_guild()
    {
        await using var bot = await StartAsync();

        var registration = Assert.Single(bot.Simulator.CommandRegistrations);
        Assert.Equal(bot.Simulator.GuildId, registration.GuildId);
        Assert.Equal("ask", registration.Commands[0]!["name"]!.GetValue<string>());
        Assert.Equal("question", registration.Commands[0]!["options"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rehearses_one_question_before_connecting_to_the_gateway()
    {
        await using var bot = await StartAsync();

        var rehearsal = Assert.Single(bot.AllAnsweredQuestions);
        Assert.True(rehearsal.Rehearsal);
        var warmedUp = Assert.Single(bot.Logs.GetSnapshot(), r => r.Message.StartsWith("Answered a rehearsal question", StringComparison.Ordinal));
        Assert.True(warmedUp.Timestamp < bot.Simulator.ConnectionAttempts[0], "the rehearsal is answered before the gateway connection");
    }

    [Fact]
    public async Task Collects_start_up_garbage_after_the_rehearsal_and_before_connecting()
    {
        // It logs at Debug, below the shipped appsettings' level.
        await using var bot = await StartAsync(settings: new Dictionary<string, string?> { ["Logging:LogLevel:SleepBot.Hosting.StartupHeapCompaction"] = "Debug" });

        var logs = bot.Logs.GetSnapshot();
        var rehearsed = Assert.Single(logs, r => r.Message.StartsWith("Answered a rehearsal question", StringComparison.Ordinal));
        var collected = Assert.Single(logs, r => r.Message.StartsWith("Collected start-up garbage", StringComparison.Ordinal));
        Assert.True(rehearsed.Timestamp <= collected.Timestamp, "the rehearsal's garbage is collected too");
        Assert.True(collected.Timestamp < bot.Simulator.ConnectionAttempts[0], "collected before the gateway connection");
    }

    [Fact]
    public async Task Answers_a_help_channel_question_in_a_thread_started_from_it()
    {
        await using var bot = await StartAsync();

        var question = await bot.Simulator.SendUserMessageAsync(HelpChannel, SleepQuestion, authorId: Parent);

        var answer = await bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == question.Id, "an answer in the thread");
        var thread = Assert.Single(bot.Simulator.Threads);
        Assert.Equal(question.Id, thread.Id);
        Assert.Equal(HelpChannel, thread.ParentChannelId);
        Assert.StartsWith("my 7mo screams", thread.Name);
        Assert.Contains("Sources:", answer.Content);
        Assert.InRange(answer.Content.Length, 1, 2000);
        AssertPingsNobody(answer);
    }

    [Fact]
    public async Task Answers_a_follow_up_in_the_thread_with_the_earlier_turns()
    {
        await using var bot = await StartAsync();
        var question = await bot.Simulator.SendUserMessageAsync(HelpChannel, SleepQuestion, authorId: Parent);
        var firstAnswer = await bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == question.Id, "the first answer");

        var followUp = await bot.Simulator.SendUserMessageAsync(question.Id, "and at naps?", authorId: Parent);

        var answer = await bot.ReplyToAsync(followUp);
        Assert.Equal(question.Id, answer.ChannelId);
        Assert.Single(bot.Simulator.Threads);
        AssertPingsNobody(answer);
        var asked = bot.AnsweredQuestions.Single(q => q.Text == "and at naps?");
        Assert.Equal([(false, SleepQuestion), (true, firstAnswer.Content)], asked.History.Select(t => (t.FromBot, t.Text)));
        Assert.Equal(new MessageOrigin("discord", Id(bot.Simulator.GuildId), Id(question.Id), Id(followUp.Id), Id(Parent)), asked.Origin);
    }

    [Fact]
    public async Task Ask_is_deferred_then_answered_by_editing_the_original_response()
    {
        await using var bot = await StartAsync();

        var interaction = await bot.Simulator.SendSlashCommandAsync("ask", new Dictionary<string, string> { ["question"] = SleepQuestion }, GeneralChannel, userId: Parent);

        await bot.Simulator.WaitUntilAsync(_ => interaction.Original is { EditCount: 1 }, "the deferred response to be edited");
        Assert.Equal(5, interaction.CallbackType);
        Assert.True(interaction.RespondedAt - interaction.CreatedAt < TimeSpan.FromSeconds(3));
        Assert.StartsWith("> " + SleepQuestion, interaction.Original!.Content);
        Assert.Contains("Sources:", interaction.Original.Content);
        AssertPingsNobody(interaction.Original);
    }

    [Fact]
    public async Task Answers_a_mention_anywhere_as_a_reply()
    {
        await using var bot = await StartAsync();

        var question = await bot.Simulator.SendUserMessageAsync(GeneralChannel, $"<@{bot.Simulator.BotUserId}> {SleepQuestion}",
            authorId: Parent, mentionUserIds: [bot.Simulator.BotUserId]);

        var answer = await bot.ReplyToAsync(question);
        Assert.Equal(GeneralChannel, answer.ChannelId);
        Assert.Contains("Sources:", answer.Content);
        Assert.Empty(bot.Simulator.Threads);
        Assert.Equal(SleepQuestion, Assert.Single(bot.AnsweredQuestions).Text);
        AssertPingsNobody(answer);
    }

    [Fact]
    public async Task Answers_a_direct_message()
    {
        await using var bot = await StartAsync();

        var question = await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: Parent, directMessage: true);

        var answer = await bot.ReplyToAsync(question);
        Assert.Equal(DmChannel, answer.ChannelId);
        Assert.Null(answer.GuildId);
    }

    [Fact]
    public async Task Ignores_other_bots_itself_and_unaddressed_chatter()
    {
        await using var bot = await StartAsync();

        var fromBot = await bot.Simulator.SendUserMessageAsync(HelpChannel, SleepQuestion, authorId: 77, authorIsBot: true);
        var chatter = await bot.Simulator.SendUserMessageAsync(GeneralChannel, SleepQuestion, authorId: Parent);
        var question = await bot.Simulator.SendUserMessageAsync(HelpChannel, SleepQuestion, authorId: Parent);
        var answer = await bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == question.Id, "the answer to the human");
        // The bot's own answer came back as MESSAGE_CREATE (as on Discord); a sentinel shows it was passed over.
        var sentinel = await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: OtherParent, directMessage: true);
        await bot.ReplyToAsync(sentinel);

        Assert.Equal(2, bot.Simulator.BotMessages.Count);
        Assert.DoesNotContain(bot.Simulator.BotMessages, m => m.ReplyToMessageId == fromBot.Id || m.ReplyToMessageId == chatter.Id || m.ReplyToMessageId == answer.Id);
        Assert.Single(bot.Simulator.Threads);
    }

    [Fact]
    public async Task Never_pings_even_when_the_question_says_everyone()
    {
        await using var bot = await StartAsync();

        var interaction = await bot.Simulator.SendSlashCommandAsync("ask",
            new Dictionary<string, string> { ["question"] = "@everyone <@&42> <@" + OtherParent + "> " + SleepQuestion }, GeneralChannel, userId: Parent);
        var question = await bot.Simulator.SendUserMessageAsync(HelpChannel, "@everyone @here " + SleepQuestion, authorId: Parent);

        await bot.Simulator.WaitUntilAsync(_ => interaction.Original is { EditCount: 1 }, "the /ask answer");
        var answer = await bot.Simulator.WaitForBotMessageAsync(m => m.ChannelId == question.Id, "the thread answer");
        Assert.Contains("@everyone", interaction.Original!.Content);
        AssertPingsNobody(interaction.Original);
        AssertPingsNobody(answer);
        Assert.All(bot.Simulator.Requests.Where(r => r.Method is "POST" or "PATCH" && r.Json?["content"] is not null),
            r => Assert.Equal("""{"parse":[],"replied_user":false}""", r.Json!["allowed_mentions"]!.ToJsonString()));
    }

    [Fact]
    public async Task Distress_gets_the_professional_help_reply_the_same_way_and_is_flagged()
    {
        await using var bot = await StartAsync();

        var question = await bot.Simulator.SendUserMessageAsync(GeneralChannel,
            $"<@{bot.Simulator.BotUserId}> my 5 week old has a fever of 39C and is floppy and won't feed",
            authorId: Parent, mentionUserIds: [bot.Simulator.BotUserId]);

        var answer = await bot.ReplyToAsync(question);
        Assert.Contains("Please call 999 now", answer.Content);
        AssertPingsNobody(answer);
        // The pipeline stores the flag before the reply is sent.
        var flag = Assert.Single(await bot.Host.Services.GetRequiredService<SqliteFlagStore>().ListAsync(status: null, CancellationToken.None));
        Assert.Equal((SafetyTier.Emergency, Id(question.Id)), (flag.Verdict.Tier, flag.MessageId));
        Assert.Empty(bot.AnsweredQuestions);
    }

    [Fact]
    public async Task Resume_loses_nothing_and_answers_nothing_twice()
    {
        await using var bot = await StartAsync();
        var before = await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: Parent, directMessage: true);
        await bot.ReplyToAsync(before);
        bot.Simulator.HoldNewConnections();

        bot.Simulator.DropConnection();
        await bot.Simulator.WaitUntilAsync(s => s.Connections.Count == 2, "the bot to reconnect");
        var missed = new List<SimMessage>();
        for (var i = 0; i < 3; i++)
            missed.Add(await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: Parent + (ulong)i + 10, directMessage: true));
        bot.Simulator.ReleaseNewConnections();
        await bot.Simulator.WaitForResumedAsync();
        // Discord may deliver a message again around a reconnect; it must still be answered once.
        await bot.Simulator.RedeliverAsync(missed[0]);
        await bot.Simulator.RedeliverAsync(before);
        var after = await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: OtherParent, directMessage: true);
        await bot.ReplyToAsync(after);
        foreach (var message in missed)
            await bot.ReplyToAsync(message);

        var repliedTo = bot.Simulator.BotMessages.Select(m => m.ReplyToMessageId).ToList();
        Assert.Equal(5, repliedTo.Count);
        Assert.Equal(5, repliedTo.Distinct().Count());
        Assert.Single(bot.Simulator.ClientFrames(2));
    }

    [Fact]
    public async Task A_flood_from_one_user_gets_one_notice_and_others_are_unaffected()
    {
        await using var bot = await StartAsync();

        var flood = new List<SimMessage>();
        for (var i = 0; i < 12; i++)
            flood.Add(await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion + " " + i, authorId: Parent, directMessage: true));
        var other = await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: OtherParent, directMessage: true);

        await bot.ReplyToAsync(other);
        await bot.Simulator.WaitUntilAsync(s => s.BotMessages.Count(m => m.Content == QuestionRateLimiter.Notice) == 1, "the notice");
        foreach (var answered in flood.Take(QuestionRateLimiter.Burst + 1))
            await bot.ReplyToAsync(answered);
        var sentinel = await bot.Simulator.SendUserMessageAsync(DmChannel, SleepQuestion, authorId: OtherParent + 1, directMessage: true);
        await bot.ReplyToAsync(sentinel);

        var replies = bot.Simulator.BotMessages.Where(m => flood.Any(f => f.Id == m.ReplyToMessageId)).ToList();
        Assert.Equal(QuestionRateLimiter.Burst + 1, replies.Count);
        Assert.Equal(QuestionRateLimiter.Notice, replies.Single(r => r.ReplyToMessageId == flood[QuestionRateLimiter.Burst].Id).Content);
        Assert.Contains("Sources:", bot.Simulator.BotMessages.Single(m => m.ReplyToMessageId == other.Id).Content);
    }

    [Fact]
    public async Task A_storm_of_discord_rate_limits_delays_answers_but_loses_and_repeats_none()
    {
        await using var bot = await StartAsync(simulator =>
        {
            simulator.RouteLimit = 3;
            simulator.RouteWindow = TimeSpan.FromMilliseconds(300);
        });
        bot.Simulator.AddFault(RestFault.RateLimit("POST /channels/*/messages", retryAfterSeconds: 0.2, times: 6));
        bot.Simulator.AddFault(RestFault.GlobalRateLimit("POST /channels/*/messages", retryAfterSeconds: 0.3));

        var questions = new List<SimMessage>();
        for (var i = 0; i < 20; i++)
            questions.Add(await bot.Simulator.SendUserMessageAsync(GeneralChannel, $"<@{bot.Simulator.BotUserId}> {SleepQuestion}",
                authorId: Parent + 100 + (ulong)i, mentionUserIds: [bot.Simulator.BotUserId]));

        foreach (var question in questions)
            await bot.ReplyToAsync(question);
        Assert.Equal(20, bot.Simulator.BotMessages.Count);
        Assert.True(bot.Simulator.LimitViolations.Count == 0, string.Join("\n", bot.Simulator.LimitViolations));
        Assert.True(bot.Simulator.Requests.Count(r => r.Status == 429) >= 7);
    }

    [Fact]
    public async Task A_rejected_token_stops_the_host_with_the_reason()
    {
        await using var bot = await StartAsync(simulator => simulator.IdentifyCloseCode = 4004, waitForReady: false);

        await bot.Host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var worker = bot.Host.Services.GetRequiredService<DiscordBotWorker>();
        Assert.Equal(4004, worker.FatalError?.Code);
        Assert.Contains(bot.Logs.GetSnapshot(), r => r.Level == LogLevel.Critical && r.Message.Contains("Discord:Token", StringComparison.Ordinal));
        Assert.Single(bot.Simulator.Connections);
    }

    [Fact]
    public async Task The_program_exits_with_code_3_when_discord_rejects_the_token()
    {
        await using var simulator = await DiscordSimulator.StartAsync();
        simulator.IdentifyCloseCode = 4004;

        var (exit, _, stderr) = await SleepBotProcess.RunAsync([], environment: new Dictionary<string, string>
        {
            ["Discord__Token"] = simulator.Token,
            ["Discord__ApiBaseUrl"] = simulator.ApiBaseUrl.ToString(),
        });

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("Discord rejected the token (4004): check Discord:Token", stderr);
        Assert.DoesNotContain(simulator.Token, stderr);
    }

    [Fact]
    public async Task The_program_exits_with_code_3_on_a_bad_api_url()
    {
        var (exit, _, stderr) = await SleepBotProcess.RunAsync([], environment: new Dictionary<string, string>
        {
            ["Discord__Token"] = "some-token",
            ["Discord__ApiBaseUrl"] = "not a url",
        });

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("Discord:ApiBaseUrl must be an absolute http(s) URL", stderr);
    }

    private static void AssertPingsNobody(SimMessage message) => Assert.Empty(message.Pings);

    private static string Id(ulong id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
