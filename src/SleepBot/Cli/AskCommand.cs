using System.CommandLine;
using System.Text.Json;
using SleepBot.Answering;
using SleepBot.Hosting;

namespace SleepBot.Cli;

internal static class AskCommand
{
    public static Command Create()
    {
        var message = new Argument<string>("message") { Description = "The parent's message, in quotes." };
        var json = new Option<bool>("--json") { Description = "Print the reply object as JSON (the contract's shape)." };
        var command = new Command("ask", "Answer one message as the bot would in Discord.") { message, json };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var text = parse.GetValue(message) ?? "";
            if (string.IsNullOrWhiteSpace(text))
            {
                await Console.Error.WriteLineAsync("The message is empty: ask \"your question\".");
                return ExitCodes.BadInput;
            }

            var reply = await services.GetRequiredService<AnswerPipeline>()
                .AnswerAsync(new Question(text) { Origin = new MessageOrigin("cli") }, cancellationToken);
            await Console.Out.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(reply, ContractJson.Indented) : Describe(reply));
            return ExitCodes.Done;
        }));
        return command;
    }

    private static string Describe(BotReply reply) =>
        reply.Flagged
            ? $"{reply.Answer}\n\n[flagged for moderators: {reply.Safety.Tier.ToString().ToLowerInvariant()}; {string.Join("; ", reply.Safety.Signals)}]"
            : reply.Answer;
}
