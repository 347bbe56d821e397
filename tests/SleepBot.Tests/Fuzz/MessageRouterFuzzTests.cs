using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SleepBot.Discord;
using SleepBot.Discord.Models;

namespace SleepBot.Tests.Fuzz;

/// <summary>
/// The router on random messages (as the gateway reader hands them over: no nulls, anything else goes): it never
/// throws, never answers a bot, a webhook or itself, and never answers a message with nothing left to ask.
/// </summary>
public sealed class MessageRouterFuzzTests
{
    private const ulong Bot = 1_100_000_000_000_000_001;
    private const ulong Help = 1_400_000_000_000_000_001;

    private static readonly Gen<string> Text = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    private static readonly Arbitrary<(DiscordMessage Message, bool InHelpThread, ulong[] HelpChannels)> Messages =
        Gen.Choose(0, int.MaxValue).SelectMany(seed => Text.Select(text => Build(new Random(seed), text))).ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property Any_message_is_placed_without_throwing_and_only_people_with_a_question_are_answered() =>
        Prop.ForAll(Messages, x =>
        {
            var placement = MessageRouter.Place(x.Message, Bot, x.HelpChannels, x.InHelpThread);
            var question = MessageRouter.QuestionText(x.Message.Content, Bot);
            var name = MessageRouter.ThreadName(question);

            Assert.InRange(name.Length, 1, 100);
            if (placement == ReplyPlacement.Ignore)
                return;
            Assert.False(x.Message.Author.Bot || x.Message.Author.Id == Bot || x.Message.WebhookId is not null);
            Assert.True(x.Message.Type is 0 or 19);
            Assert.NotEqual("", question);
        });

    private static (DiscordMessage, bool, ulong[]) Build(Random random, string text)
    {
        ulong Id() => random.Next(6) switch
        {
            0 => Bot,
            1 => Help,
            2 => 0,
            3 => ulong.MaxValue,
            _ => (ulong)random.NextInt64(1, long.MaxValue),
        };
        var content = random.Next(8) switch
        {
            0 => "",
            1 => $"<@{Bot}>",
            2 => $"<@!{Bot}>   \n\t",
            3 => $"<@{Bot}> {text} <@&1> @everyone <@{ulong.MaxValue}0>",
            4 => new string('x', 100_000) + text,
            5 => "<@<@" + Bot + ">" + Bot + ">" + text,
            6 => text + "\n" + text,
            _ => text,
        };
        var author = new DiscordUser { Id = Id(), Username = text, Bot = random.Next(4) == 0 };
        var mentions = Enumerable.Range(0, random.Next(4)).Select(_ => new DiscordUser { Id = Id(), Bot = random.Next(2) == 0 }).ToList();
        var message = new DiscordMessage
        {
            Id = Id(),
            ChannelId = Id(),
            GuildId = random.Next(3) == 0 ? null : Id(),
            Author = author,
            Content = content,
            Type = random.Next(3) == 0 ? random.Next(-1, 50) : random.Next(2) == 0 ? 0 : 19,
            WebhookId = random.Next(6) == 0 ? Id() : null,
            Mentions = mentions,
            MentionEveryone = random.Next(2) == 0,
        };
        ulong[] helpChannels = random.Next(3) switch
        {
            0 => [],
            1 => [Help],
            _ => [Help, message.ChannelId],
        };
        return (message, random.Next(4) == 0, helpChannels);
    }
}
