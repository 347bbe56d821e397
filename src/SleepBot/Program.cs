using SleepBot.Cli;
using SleepBot.Hosting;

var parse = SleepBotCommands.Create().Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run with --help to see the commands.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
