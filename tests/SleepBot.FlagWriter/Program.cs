// Test helper for the crash test: stores flags through the real services as fast as it can and prints
// "<sequence> <flag id>" after each one is committed, until the test kills it with SIGKILL.
// Usage: SleepBot.FlagWriter <database file>
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SleepBot;
using SleepBot.Answering;
using SleepBot.Moderation;
using SleepBot.Safety;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:SleepBot"] = $"Data Source={args[0]}" });
builder.Logging.ClearProviders();
builder.Services.AddSleepBotCore(builder.Configuration);
using var host = builder.Build();

var sink = host.Services.GetRequiredService<IFlagSink>();
var verdict = new SafetyVerdict(SafetyTier.Emergency, [SafetyCategory.Illness, SafetyCategory.YoungInfant], ["fever 39C", "age 3 weeks"]);
// Long text makes each transaction span several pages, so the kill often lands inside one.
var padding = new string('x', 3000);
for (var sequence = 0; ; sequence++)
{
    var question = new Question($"message {sequence} {padding}")
    {
        Origin = new MessageOrigin("discord", "1", "2", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "3"),
    };
    await sink.FlagAsync(new FlaggedReply(question, verdict, "reply " + padding, DateTimeOffset.UtcNow), CancellationToken.None);
    Console.Out.WriteLine(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
