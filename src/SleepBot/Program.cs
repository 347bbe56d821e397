using SleepBot.Cli;

return await SleepBotCommands.Create().Parse(args).InvokeAsync();
