using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SleepBot.Discord;
using SleepBot.Testing;
using SleepBot.Testing.Discord;
using Xunit.Abstractions;

namespace SleepBot.Tests.Load;

/// <summary>
/// 1,000 messages from 200 parents within 10 s through the real host and the simulator: every message answered
/// exactly once, or (a few flooding users) one notice and the rest dropped, all accounted for; no 429 beyond the
/// simulator's advertised limits. Latency is measured and reported, not asserted: this is a correctness test.
/// </summary>
public sealed partial class LoadTests(ITestOutputHelper output)
{
    private const int Users = 200;
    private const int Seconds = 10;
    private const int Flooders = 10;
    private const int FloodMessages = 10;
    private const ulong FirstUser = 1_600_000_000_000_000_000;
    private static readonly ulong[] MentionChannels = [1_400_000_000_000_000_101, 1_400_000_000_000_000_102, 1_400_000_000_000_000_103, 1_400_000_000_000_000_104];

    private static readonly string[] Questions =
    [
        "my 7mo screams for 20 min when I put her down awake, is that normal?",
        "how long does the crying last with cry it out?",
        "will sleep training harm our attachment?",
        "should I go in when he cries during check ins?",
        "she cries harder when I go in, what do I do",
        "is it too late to fix rocking to sleep at 10 months",
        "we travelled and now he cries at bedtime again",
        "I feel so guilty listening to her cry",
        "what is the difference between protest crying and distress",
        "does feeding to sleep cause night wakings",
    ];

    /// <summary>Where the result JSON goes when set (docs/load-test.md is written from it).</summary>
    private const string ResultPathVariable = "SLEEPBOT_LOAD_RESULT";

    [Fact]
    [Trait("Category", "Load")]
    public async Task A_thousand_messages_from_two_hundred_parents_are_each_answered_once_or_limited_politely()
    {
        var timings = new RestTimings();
        await using var bot = await HostedBot.StartAsync(
            // The worker logs each message dropped by the per-user limit at Debug: that log is how drops are counted.
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:SleepBot.Discord.DiscordBotWorker"] = "Debug" },
            services: timings.AddTo);
        var plan = Plan();
        Assert.Equal(1000, plan.Count);
        Assert.Equal(Users, plan.Select(p => p.User).Distinct().Count());

        // Load shaping, not synchronisation: one slice of the plan per second, each slice sent as one burst.
        var sent = new List<(Planned Plan, SimMessage Message)>();
        using (var second = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            for (var slice = 0; slice < Seconds; slice++)
            {
                foreach (var planned in plan.Where(p => p.Slice == slice))
                    sent.Add((planned, await SendAsync(bot.Simulator, planned)));
                if (slice < Seconds - 1)
                    await second.WaitForNextTickAsync();
            }
        }
        var sendingTook = sent[^1].Message.Timestamp - sent[0].Message.Timestamp;
        Assert.True(sendingTook < TimeSpan.FromSeconds(Seconds), $"sending took {sendingTook}");

        var ids = sent.Select(s => s.Message.Id).ToHashSet();
        try
        {
            await Eventually.TrueAsync(() => Outcomes(bot, ids).Unsettled == 0, "every message answered, notified or dropped", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            Assert.Fail(Diagnose(bot, ids));
        }
        // A sentinel after everything settled: any late duplicate would have been sent before its answer.
        var sentinel = await bot.Simulator.SendUserMessageAsync(HostedBot.HelpChannel, Questions[0], authorId: FirstUser + Users + 1);
        await bot.ReplyToAsync(sentinel);

        var outcomes = Outcomes(bot, ids);
        Assert.Empty(outcomes.Duplicated);
        Assert.Equal(1000, outcomes.Answered.Count + outcomes.Notified.Count + outcomes.Dropped.Count);
        Assert.Empty(outcomes.Answered.Intersect(outcomes.Notified).Concat(outcomes.Answered.Intersect(outcomes.Dropped)).Concat(outcomes.Notified.Intersect(outcomes.Dropped)));
        foreach (var user in sent.GroupBy(s => s.Plan.User))
        {
            var messages = user.Select(s => s.Message.Id).ToList();
            if (messages.Count <= QuestionRateLimiter.Burst)
            {
                Assert.All(messages, id => Assert.Contains(id, outcomes.Answered));
                continue;
            }
            // A flood: the burst answered, the next one told to slow down, the rest dropped quietly.
            Assert.All(messages.Take(QuestionRateLimiter.Burst), id => Assert.Contains(id, outcomes.Answered));
            Assert.Contains(messages[QuestionRateLimiter.Burst], outcomes.Notified);
            Assert.All(messages.Skip(QuestionRateLimiter.Burst + 1), id => Assert.Contains(id, outcomes.Dropped));
        }
        Assert.True(bot.Simulator.LimitViolations.Count == 0, string.Join("\n", bot.Simulator.LimitViolations));
        Assert.DoesNotContain(bot.Simulator.Requests, r => r.Status == 429);
        Assert.Equal(sent.Count(s => s.Plan.InHelpChannel && outcomes.Answered.Contains(s.Message.Id)) + 1, bot.Simulator.Threads.Count);

        var report = Measure(bot, timings, sent.Select(s => s.Message).ToList(), outcomes, sendingTook);
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
        output.WriteLine(json);
        if (Environment.GetEnvironmentVariable(ResultPathVariable) is { Length: > 0 } path)
            await File.WriteAllTextAsync(path, json);
        Assert.Equal(outcomes.Answered.Count + outcomes.Notified.Count, report.Replies);
    }

    /// <param name="Slice">Which second of the ten it is sent in.</param>
    private sealed record Planned(int Slice, ulong User, int Index, bool InHelpChannel, string Text);

    /// <summary>
    /// 10 users flood (10 messages within one second, over the 5-question burst); 140 send 5 and 50 send 4 (at or
    /// under it), spread over the ten seconds. Half go to the help channel, half are mentions in four channels.
    /// </summary>
    private static List<Planned> Plan()
    {
        var plan = new List<Planned>();
        for (var u = 0; u < Users; u++)
        {
            var user = FirstUser + (ulong)u;
            var count = u < Flooders ? FloodMessages : u < 150 ? 5 : 4;
            for (var i = 0; i < count; i++)
            {
                var slice = u < Flooders ? u % Seconds : (u + 2 * i) % Seconds;
                plan.Add(new Planned(slice, user, i, (u + i) % 2 == 0, Questions[(u + i) % Questions.Length]));
            }
        }
        // Per user the order stays as planned; users interleave within a second.
        return [.. plan.OrderBy(p => p.Slice).ThenBy(p => p.Index).ThenBy(p => p.User)];
    }

    private static Task<SimMessage> SendAsync(DiscordSimulator simulator, Planned planned)
    {
        if (planned.InHelpChannel)
            return simulator.SendUserMessageAsync(HostedBot.HelpChannel, planned.Text, authorId: planned.User);
        var channel = MentionChannels[(int)(planned.User % (ulong)MentionChannels.Length)];
        return simulator.SendUserMessageAsync(channel, $"<@{simulator.BotUserId}> {planned.Text}", authorId: planned.User, mentionUserIds: [simulator.BotUserId]);
    }

    private sealed record MessageOutcomes(HashSet<ulong> Answered, HashSet<ulong> Notified, HashSet<ulong> Dropped, List<ulong> Duplicated, int Unsettled);

    private static MessageOutcomes Outcomes(HostedBot bot, HashSet<ulong> ids)
    {
        var repliesByQuestion = bot.Simulator.BotMessages
            .Select(m => (Question: m.ReplyToMessageId is { } r && ids.Contains(r) ? r : ids.Contains(m.ChannelId) ? m.ChannelId : 0, Message: m))
            .Where(x => x.Question != 0)
            .GroupBy(x => x.Question)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToList());
        var dropped = bot.Logs.GetSnapshot()
            .Select(r => DroppedLog().Match(r.Message))
            .Where(m => m.Success)
            .Select(m => ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(ids.Contains)
            .ToHashSet();
        var notified = repliesByQuestion.Where(r => r.Value.Any(m => m.Content == QuestionRateLimiter.Notice)).Select(r => r.Key).ToHashSet();
        var answered = repliesByQuestion.Keys.Where(k => !notified.Contains(k)).ToHashSet();
        var duplicated = repliesByQuestion.Where(r => r.Value.Count > 1).Select(r => r.Key).ToList();
        return new MessageOutcomes(answered, notified, dropped, duplicated, ids.Count(id => !repliesByQuestion.ContainsKey(id) && !dropped.Contains(id)));
    }

    private static string Diagnose(HostedBot bot, HashSet<ulong> ids)
    {
        var outcomes = Outcomes(bot, ids);
        var problems = bot.Logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
            .Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.GetType().Name} {r.Exception?.Message}").Distinct().Take(15);
        var statuses = bot.Simulator.Requests.GroupBy(r => $"{r.Method} {r.Status}").Select(g => $"{g.Key} x{g.Count()}");
        return $"{outcomes.Unsettled} unsettled; answered {outcomes.Answered.Count}, notified {outcomes.Notified.Count}, dropped {outcomes.Dropped.Count}; "
            + $"requests: {string.Join(", ", statuses)}\n{string.Join("\n", problems)}";
    }

    [GeneratedRegex(@"^Dropped message (\d+) from user")]
    private static partial Regex DroppedLog();

    /// <summary>Per replied message: dispatch of MESSAGE_CREATE → arrival of the reply request, less the client's own rate-limit waits.</summary>
    private static LoadReport Measure(HostedBot bot, RestTimings timings, List<SimMessage> questions, MessageOutcomes outcomes, TimeSpan sendingTook)
    {
        var ids = questions.Select(q => q.Id).ToHashSet();
        var dispatched = new Dictionary<ulong, DateTimeOffset>();
        foreach (var frame in bot.Simulator.Frames.Where(f => !f.FromClient && f.EventName == "MESSAGE_CREATE"))
        {
            if (ulong.TryParse(frame.Data?["id"]?.GetValue<string>(), CultureInfo.InvariantCulture, out var id) && ids.Contains(id))
                dispatched.TryAdd(id, frame.At);
        }

        var replyRequests = new Dictionary<ulong, DateTimeOffset>();
        foreach (var request in bot.Simulator.Requests.Where(r => r.Method == "POST").OrderBy(r => r.At))
        {
            if (QuestionOf(request.Path, request.Body, ids) is { } id && IsMessagePost(request.Path))
                replyRequests.TryAdd(id, request.At);
        }

        var waits = new Dictionary<ulong, TimeSpan>();
        foreach (var request in timings.Requests.Where(r => r.Method == "POST"))
        {
            if (QuestionOf(request.Path, request.Body, ids) is { } id)
                waits[id] = waits.GetValueOrDefault(id) + request.RateLimitWait;
        }

        var replied = outcomes.Answered.Concat(outcomes.Notified).ToList();
        var total = replied.Select(id => replyRequests[id] - dispatched[id]).ToList();
        var excludingWaits = replied.Select(id => replyRequests[id] - dispatched[id] - waits.GetValueOrDefault(id)).ToList();
        var waited = replied.Select(id => waits.GetValueOrDefault(id)).Where(w => w > TimeSpan.FromMilliseconds(1)).ToList();
        return new LoadReport
        {
            Messages = questions.Count,
            Users = Users,
            SendingSeconds = Math.Round(sendingTook.TotalSeconds, 2),
            Answered = outcomes.Answered.Count,
            Notified = outcomes.Notified.Count,
            DroppedByUserLimit = outcomes.Dropped.Count,
            Replies = replied.Count,
            Http429 = bot.Simulator.Requests.Count(r => r.Status == 429),
            LimitViolations = bot.Simulator.LimitViolations.Count,
            LatencyMs = Summary.Of(total),
            LatencyExcludingRateLimitWaitsMs = Summary.Of(excludingWaits),
            RateLimitWaits = new WaitSummary { Messages = waited.Count, Ms = Summary.Of(waited) },
        };
    }

    private static bool IsMessagePost(string path) => path.EndsWith("/messages", StringComparison.Ordinal);

    /// <summary>The question a bot request is for: a thread started from it, a message in that thread, or a reply to it.</summary>
    private static ulong? QuestionOf(string path, string body, HashSet<ulong> ids)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // /channels/{help}/messages/{question}/threads
        if (segments is ["channels", _, "messages", var started, "threads"] && ulong.TryParse(started, CultureInfo.InvariantCulture, out var s) && ids.Contains(s))
            return s;
        // /channels/{thread = question}/messages
        if (segments is ["channels", var channel, "messages"] && ulong.TryParse(channel, CultureInfo.InvariantCulture, out var c) && ids.Contains(c))
            return c;
        if (body.Length > 0 && JsonNode.Parse(body)?["message_reference"]?["message_id"]?.ToString() is { } reply
            && ulong.TryParse(reply, CultureInfo.InvariantCulture, out var r) && ids.Contains(r))
            return r;
        return null;
    }

    internal sealed record LoadReport
    {
        public int Messages { get; init; }
        public int Users { get; init; }
        public double SendingSeconds { get; init; }
        public int Answered { get; init; }
        public int Notified { get; init; }
        public int DroppedByUserLimit { get; init; }
        public int Replies { get; init; }
        public int Http429 { get; init; }
        public int LimitViolations { get; init; }
        public required Summary LatencyMs { get; init; }
        public required Summary LatencyExcludingRateLimitWaitsMs { get; init; }
        public required WaitSummary RateLimitWaits { get; init; }
    }

    internal sealed record WaitSummary
    {
        /// <summary>Replies whose requests waited more than 1 ms on the client's rate limiting.</summary>
        public int Messages { get; init; }
        public required Summary Ms { get; init; }
    }

    internal sealed record Summary(double P50, double P90, double P99, double Max, double Mean)
    {
        public static Summary Of(IReadOnlyCollection<TimeSpan> values)
        {
            if (values.Count == 0)
                return new Summary(0, 0, 0, 0, 0);
            var sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
            double Rank(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
            return new Summary(Rank(0.50), Rank(0.90), Rank(0.99), Math.Round(sorted[^1], 2), Math.Round(sorted.Average(), 2));
        }
    }
}
