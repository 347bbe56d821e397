using System.Net;
using System.Text.RegularExpressions;
using SleepBot.Discord.Models;
using SleepBot.Testing.Discord;

namespace SleepBot.Discord.Tests.Rest;

public sealed class RestTests
{
    private const ulong Channel = 500, OtherChannel = 501;

    [Fact]
    public async Task Requests_carry_bot_auth_user_agent_and_json_content_type()
    {
        await using var h = await DiscordHarness.StartAsync();

        await h.Client.CreateMessageAsync(Channel, new MessageCreate("hi"), CancellationToken.None);

        var request = Assert.Single(h.Simulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/channels/{Channel}/messages", request.Path);
        Assert.Equal("Bot " + h.Simulator.Token, request.Header("Authorization"));
        Assert.Matches(new Regex(@"^DiscordBot \(https://github\.com/sleepbot/sleepbot, \d+(\.\d+)*\)$"), request.Header("User-Agent"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task Messages_are_replies_that_ping_nobody_even_when_quoting_everyone()
    {
        await using var h = await DiscordHarness.StartAsync();
        var sent = await h.Client.CreateMessageAsync(Channel,
            new MessageCreate("@everyone @here <@123> <@&456> said hi") { ReplyToMessageId = 77 }, CancellationToken.None);

        var body = h.Simulator.Requests.Single().Json!;
        Assert.Equal("""{"parse":[],"replied_user":false}""", body["allowed_mentions"]!.ToJsonString());
        Assert.Equal("77", body["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.False(body["message_reference"]!["fail_if_not_exists"]!.GetValue<bool>());
        var posted = Assert.Single(h.Simulator.BotMessages);
        Assert.Equal(posted.Id, sent.Id);
        Assert.Empty(posted.Pings);
    }

    [Fact]
    public async Task Only_the_role_ids_the_caller_names_are_pinged()
    {
        await using var h = await DiscordHarness.StartAsync();

        await h.Client.CreateMessageAsync(Channel,
            new MessageCreate("<@&456> please review; @everyone <@&789>") { PingRoleIds = [456] }, CancellationToken.None);

        var body = h.Simulator.Requests.Single().Json!;
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(["role:456"], h.Simulator.BotMessages.Single().Pings);
    }

    [Fact]
    public async Task Buttons_edits_and_threads_use_discord_shapes()
    {
        await using var h = await DiscordHarness.StartAsync();
        var question = h.Simulator.AddUserMessage(Channel, "question");

        var message = await h.Client.CreateMessageAsync(Channel, new MessageCreate("review")
        {
            Components = [new ActionRow([new Button(ButtonStyle.Success, "Approve", "mod:approve:1")])],
        }, CancellationToken.None);
        await h.Client.EditMessageAsync(Channel, message.Id, new MessageEdit
        {
            Content = "approved",
            Components = [new ActionRow([new Button(ButtonStyle.Success, "Approve", "mod:approve:1") { Disabled = true }])],
        }, CancellationToken.None);
        var thread = await h.Client.StartThreadAsync(Channel, question.Id, new string('x', 150), CancellationToken.None);
        var history = await h.Client.GetMessagesAsync(Channel, 10, CancellationToken.None);

        var button = h.Simulator.Requests[0].Json!["components"]![0]!;
        Assert.Equal(1, button["type"]!.GetValue<int>());
        Assert.Equal("mod:approve:1", button["components"]![0]!["custom_id"]!.GetValue<string>());
        Assert.Equal(3, button["components"]![0]!["style"]!.GetValue<int>());
        var edit = h.Simulator.Requests[1];
        Assert.Equal("PATCH", edit.Method);
        Assert.Equal("""{"parse":[],"replied_user":false}""", edit.Json!["allowed_mentions"]!.ToJsonString());
        Assert.True(h.Simulator.BotMessages.Single().Components![0]!["components"]![0]!["disabled"]!.GetValue<bool>());
        Assert.Equal("approved", h.Simulator.BotMessages.Single().Content);
        Assert.Equal(question.Id, thread.Id);
        Assert.Equal(100, h.Simulator.Threads.Single().Name.Length);
        Assert.Equal([message.Id, question.Id], history.Select(m => m.Id));
        Assert.True(history[0].Author.Bot);
    }

    [Fact]
    public async Task Commands_are_registered_with_one_put_per_guild()
    {
        await using var h = await DiscordHarness.StartAsync();
        var ask = new ApplicationCommand("ask", "Ask SleepBot a question")
        {
            Options = [new ApplicationCommandOption(ApplicationCommandOption.StringType, "question", "Your question") { Required = true, MaxLength = 1500 }],
        };

        await h.Client.OverwriteGuildCommandsAsync(h.Simulator.ApplicationId, h.Simulator.GuildId, [ask], CancellationToken.None);

        var registration = Assert.Single(h.Simulator.CommandRegistrations);
        Assert.Equal(h.Simulator.GuildId, registration.GuildId);
        var option = registration.Commands[0]!["options"]![0]!;
        Assert.Equal(3, option["type"]!.GetValue<int>());
        Assert.True(option["required"]!.GetValue<bool>());
        Assert.Equal(1500, option["max_length"]!.GetValue<int>());
        Assert.Null(option["min_length"]);
    }

    [Fact]
    public async Task Interactions_are_deferred_then_edited_and_followed_up()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Simulator.SendSlashCommandAsync("ask", new Dictionary<string, string> { ["question"] = "q" }, Channel);
        var interaction = Assert.IsType<InteractionCreatedEvent>(await h.NextEventAsync()).Interaction;

        await h.Client.RespondToInteractionAsync(interaction, InteractionResponse.Defer(ephemeral: true), CancellationToken.None);
        await h.Client.EditOriginalResponseAsync(interaction, new MessageEdit { Content = "@everyone answer" }, CancellationToken.None);
        await h.Client.CreateFollowupAsync(interaction, new InteractionMessage { Content = "more", Ephemeral = true }, CancellationToken.None);

        var simulated = h.Simulator.Interactions.Single();
        Assert.Equal(5, simulated.CallbackType);
        Assert.Equal(64, simulated.CallbackData!["flags"]!.GetValue<int>());
        Assert.Equal("@everyone answer", simulated.Original!.Content);
        Assert.Empty(simulated.Original.Pings);
        var followup = Assert.Single(simulated.Followups);
        Assert.Equal(64, followup.RequestBody!["flags"]!.GetValue<int>());
        var bodies = h.Simulator.Requests.Where(r => r.Method != "GET").Select(r => r.Json!["data"] ?? r.Json!).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.Empty(b["allowed_mentions"]!["parse"]!.AsArray()));
    }

    [Fact]
    public async Task Route_429_waits_retry_after_and_then_succeeds_once()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.AddFault(RestFault.RateLimit("POST /channels/*/messages", retryAfterSeconds: 2.5));

        var send = h.Client.CreateMessageAsync(Channel, new MessageCreate("hi"), CancellationToken.None);
        await h.Simulator.WaitUntilAsync(s => s.Requests.Any(r => r.Status == 429), "the 429");
        await h.AdvanceUntilDoneAsync(send);

        var requests = h.Simulator.Requests;
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2.5));
        Assert.Single(h.Simulator.BotMessages);
        Assert.Empty(h.Simulator.LimitViolations);
    }

    [Fact]
    public async Task Global_429_pauses_every_route()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.AddFault(RestFault.GlobalRateLimit("POST /channels/*/messages", retryAfterSeconds: 3));

        var first = h.Client.CreateMessageAsync(Channel, new MessageCreate("one"), CancellationToken.None);
        await SleepBot.Testing.Eventually.TrueAsync(() => h.Logs.GetSnapshot().Any(r => r.Message.Contains("global: True", StringComparison.Ordinal)), "the client to see the global 429");
        var other = h.Client.GetMessagesAsync(OtherChannel, 5, CancellationToken.None);
        await h.AdvanceUntilDoneAsync(Task.WhenAll(first, other));

        var requests = h.Simulator.Requests;
        var limitedAt = requests[0].At;
        Assert.All(requests.Skip(1), r => Assert.True(r.At - limitedAt >= TimeSpan.FromSeconds(3), $"{r} was sent during the global pause"));
        Assert.Empty(h.Simulator.LimitViolations);
    }

    [Fact]
    public async Task Exhausted_bucket_waits_for_its_reset_while_other_channels_go_on()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.RouteLimit = 2;
        h.Simulator.RouteWindow = TimeSpan.FromSeconds(10);
        await h.Client.CreateMessageAsync(Channel, new MessageCreate("1"), CancellationToken.None);
        await h.Client.CreateMessageAsync(Channel, new MessageCreate("2"), CancellationToken.None);

        var third = h.Client.CreateMessageAsync(Channel, new MessageCreate("3"), CancellationToken.None);
        await h.Client.CreateMessageAsync(OtherChannel, new MessageCreate("elsewhere"), CancellationToken.None);
        Assert.False(third.IsCompleted);
        await h.AdvanceUntilDoneAsync(third, tick: TimeSpan.FromSeconds(1));

        var inChannel = h.Simulator.Requests.Where(r => r.Path == $"/channels/{Channel}/messages").ToList();
        Assert.True(inChannel[2].At - inChannel[0].At >= TimeSpan.FromSeconds(10));
        Assert.All(h.Simulator.Requests, r => Assert.Equal(200, r.Status));
        Assert.Empty(h.Simulator.LimitViolations);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.AddFault(RestFault.ServerError("GET /channels/*/messages", status: 502, times: 2));

        var messages = await h.AdvanceUntilDoneAsync(h.Client.GetMessagesAsync(Channel, 5, CancellationToken.None));

        Assert.Empty(messages);
        Assert.Equal([502, 502, 200], h.Simulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Timed_out_post_is_retried_with_the_same_nonce_and_posted_once()
    {
        await using var h = await DiscordHarness.StartAsync(requestTimeout: TimeSpan.FromSeconds(2));
        h.Simulator.AddFault(RestFault.Slow("POST /channels/*/messages", TimeSpan.FromMinutes(1)));

        var sent = await h.AdvanceUntilDoneAsync(h.Client.CreateMessageAsync(Channel, new MessageCreate("once"), CancellationToken.None), tick: TimeSpan.FromMilliseconds(250));

        var posts = h.Simulator.Requests;
        Assert.Equal(2, posts.Count);
        var nonce = posts[0].Json!["nonce"]!.GetValue<string>();
        Assert.InRange(nonce.Length, 1, 25);
        Assert.All(posts, p => Assert.Equal(nonce, p.Json!["nonce"]!.GetValue<string>()));
        Assert.All(posts, p => Assert.True(p.Json!["enforce_nonce"]!.GetValue<bool>()));
        var message = Assert.Single(h.Simulator.BotMessages);
        Assert.Equal(message.Id, sent.Id);
    }

    [Fact]
    public async Task Interaction_callbacks_are_never_retried()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Simulator.SendSlashCommandAsync("ask", new Dictionary<string, string>(), Channel);
        var interaction = Assert.IsType<InteractionCreatedEvent>(await h.NextEventAsync()).Interaction;
        h.Simulator.AddFault(RestFault.ServerError("POST /interactions/*/*/callback", times: 3));

        var error = await Assert.ThrowsAsync<DiscordHttpException>(() => h.Client.RespondToInteractionAsync(interaction, InteractionResponse.Defer(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Single(h.Simulator.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
        Assert.DoesNotContain(interaction.Token, error.Message);
    }

    [Fact]
    public async Task Discord_errors_carry_the_json_code()
    {
        await using var h = await DiscordHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordHttpException>(() => h.Client.EditMessageAsync(Channel, 999, new MessageEdit { Content = "x" }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(10008, error.DiscordCode);
    }

    [Fact]
    public async Task Unauthorized_is_fatal_and_not_retried()
    {
        await using var h = await DiscordHarness.StartAsync(token: "revoked-token");

        var error = await Assert.ThrowsAsync<DiscordFatalException>(() => h.Client.CreateMessageAsync(Channel, new MessageCreate("hi"), CancellationToken.None));

        Assert.Equal(401, error.Code);
        Assert.Contains("Discord:Token", error.Message);
        Assert.Single(h.Simulator.Requests);
    }

    [Fact]
    public async Task Content_over_2000_characters_is_refused_before_sending()
    {
        await using var h = await DiscordHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateMessageAsync(Channel, new MessageCreate(new string('a', 2001)), CancellationToken.None));

        Assert.Empty(h.Simulator.Requests);
    }
}
