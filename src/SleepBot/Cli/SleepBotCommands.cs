using System.CommandLine;
using SleepBot.Hosting;

namespace SleepBot.Cli;

/// <summary>The program's verbs (see the contract). With no verb it runs the worker.</summary>
internal static class SleepBotCommands
{
    public static RootCommand Create()
    {
        var root = new RootCommand("SleepBot answers parents' questions about crying during sleep training. With no command it runs the bot: on Discord when Discord:Token is set, otherwise a chat in this terminal.")
        {
            AskCommand.Create(),
            BenchCommand.Create(),
            EvalCommand.Create(),
            KnowledgeCommands.Create(),
            FlagsCommands.Create(),
        };
        root.SetAction((_, _) => SleepBotHost.RunWorkerAsync());
        return root;
    }
}
