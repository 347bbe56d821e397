using Microsoft.Extensions.Logging;
using SleepBot.Tests.Cli;
using SleepBot.Tests.Load;
using SleepBot.Testing;
using SleepBot.Testing.Discord;

namespace SleepBot.Tests.Faults;

/// <summary>The knowledge folder deleted under a running bot: the last good knowledge (answers and safety rules) keeps serving.</summary>
public sealed class KnowledgeFaultTests
{
    private const ulong General = 1_400_000_000_000_000_002;
    private const string SleepQuestion = "my 7mo screams for 20 min when I put her down awake, is that normal?";
    private const string Distress = "my 5 week old has a fever of 39C and is floppy and won't feed";

    [Fact]
    public async Task Deleting_the_knowledge_folder_while_running_keeps_the_last_good_knowledge_serving()
    {
        var folder = SleepBotProcess.CopyOfShippedKnowledge();
        try
        {
            await using var bot = await HostedBot.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = folder });
            var answerBefore = await AskAsync(bot, SleepQuestion, 1);
            var helpBefore = await AskAsync(bot, Distress, 2);
            Assert.Contains("Sources:", answerBefore.Content);

            Directory.Delete(folder, recursive: true);
            // The watcher notices within its quiet period; the store keeps what it had and says so.
            await Eventually.TrueAsync(() => bot.Logs.GetSnapshot().Any(r =>
                r.Level == LogLevel.Error && r.Message.StartsWith("Knowledge folder", StringComparison.Ordinal) && r.Message.Contains("still serving the last good knowledge", StringComparison.Ordinal)),
                "the store to report the folder gone");

            var answerAfter = await AskAsync(bot, SleepQuestion, 3);
            var helpAfter = await AskAsync(bot, Distress, 4);
            Assert.Equal(answerBefore.Content, answerAfter.Content);
            Assert.Equal(helpBefore.Content, helpAfter.Content);
            Assert.Contains("Please call 999 now", helpAfter.Content);
            Assert.DoesNotContain(bot.Logs.GetSnapshot(), r => r.Message.StartsWith("Knowledge loaded: 0 entries", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SimMessage> AskAsync(HostedBot bot, string text, int user)
    {
        var question = await bot.Simulator.SendUserMessageAsync(General, $"<@{bot.Simulator.BotUserId}> {text}",
            authorId: 1_800_000_000_000_000_000 + (ulong)user, mentionUserIds: [bot.Simulator.BotUserId]);
        return await bot.ReplyToAsync(question);
    }
}
