using System.CommandLine;
using System.Text.Json;
using SleepBot.Answering;
using SleepBot.Hosting;
using SleepBot.Moderation;
using SleepBot.Safety;

namespace SleepBot.Cli;

/// <summary>The moderators' queue from the terminal: the same store the Discord buttons act on.</summary>
internal static class FlagsCommands
{
    private const string AllStatuses = "all";

    public static Command Create() => new("flags", "Review the replies flagged for moderators.")
    {
        List(),
        Show(),
        Decide("resolve", FlagDecision.Resolve, "Resolve a flag, saying what was done."),
        Decide("false-alarm", FlagDecision.FalseAlarm, "Mark a flag as a false alarm, saying why (exported for the consultant)."),
        Export(),
    };

    /// <summary>Terminal actions are recorded under the operating-system user, so the audit says who typed them.</summary>
    internal static string TerminalModeratorId => "terminal:" + Environment.UserName;

    private static Command List()
    {
        var status = StatusOption("open", "Which flags: open (default), acknowledged, resolved, false_alarm or all.");
        var json = new Option<bool>("--json") { Description = "Print the flags as a JSON array." };
        var command = new Command("list", "List flags, oldest first.") { status, json };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var flags = await services.GetRequiredService<SqliteFlagStore>().ListAsync(ParseStatus(parse.GetValue(status)!), cancellationToken);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(flags.Select(FlagListItem.From), ContractJson.Indented));
                return ExitCodes.Done;
            }

            foreach (var flag in flags)
            {
                await Console.Out.WriteLineAsync(
                    $"#{flag.Id,-5} {FlagText.Name(flag.Status),-12} {FlagText.Name(flag.Verdict.Tier),-9} {FlagText.Time(flag.CreatedAt)}  {flag.Origin,-8}  {FlagText.Categories(flag.Verdict)}  [{FlagText.Signals(flag.Verdict)}]");
            }

            await Console.Out.WriteLineAsync($"{flags.Count} flag(s).");
            return ExitCodes.Done;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = IdArgument();
        var json = new Option<bool>("--json") { Description = "Print the flag as a JSON object." };
        var command = new Command("show", "Show one flag with its message, reply and audit trail.") { id, json };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var flag = await services.GetRequiredService<SqliteFlagStore>().GetAsync(parse.GetValue(id), cancellationToken);
            if (flag is null)
            {
                return await NotFoundAsync(parse.GetValue(id));
            }

            await Console.Out.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(FlagDetail.From(flag), ContractJson.Indented) : Describe(flag));
            return ExitCodes.Done;
        }));
        return command;
    }

    private static Command Decide(string name, FlagDecision decision, string description)
    {
        var id = IdArgument();
        var note = new Option<string>("--note") { Description = "What was done or why; kept in the audit trail.", Required = true };
        var command = new Command(name, description) { id, note };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var text = parse.GetValue(note);
            if (string.IsNullOrWhiteSpace(text))
            {
                await Console.Error.WriteLineAsync("The note is empty: --note \"what was done\".");
                return ExitCodes.BadInput;
            }

            var result = await services.GetRequiredService<SqliteFlagStore>()
                .DecideAsync(parse.GetValue(id), decision, TerminalModeratorId, text, cancellationToken);
            switch (result.Outcome)
            {
                case FlagActionOutcome.Applied:
                    await Console.Out.WriteLineAsync($"Flag {result.Flag!.Id} {FlagText.Describe(result.Flag.LastDecision)}.");
                    return ExitCodes.Done;
                case FlagActionOutcome.Refused:
                    await Console.Error.WriteLineAsync(FlagText.Refusal(result.Flag!, decision));
                    return ExitCodes.BadInput;
                default:
                    return await NotFoundAsync(parse.GetValue(id));
            }
        }));
        return command;
    }

    private static Command Export()
    {
        var status = StatusOption("false_alarm", "Which flags: false_alarm (default), open, acknowledged, resolved or all.");
        var command = new Command("export", "Write flags as JSON lines (message while retained, verdict, notes), e.g. false alarms for safety-rule fixes.") { status };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var flags = await services.GetRequiredService<SqliteFlagStore>().ListAsync(ParseStatus(parse.GetValue(status)!), cancellationToken);
            foreach (var flag in flags)
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(FlagExportLine.From(flag), ContractJson.Compact));
            }

            return ExitCodes.Done;
        }));
        return command;
    }

    private static Argument<long> IdArgument() => new("id") { Description = "The flag's id (see flags list)." };

    private static Option<string> StatusOption(string defaultStatus, string description)
    {
        var option = new Option<string>("--status") { Description = description, DefaultValueFactory = _ => defaultStatus };
        option.AcceptOnlyFromAmong([.. Enum.GetValues<FlagStatus>().Select(FlagText.Name), AllStatuses]);
        return option;
    }

    private static FlagStatus? ParseStatus(string value) =>
        value == AllStatuses ? null : Enum.GetValues<FlagStatus>().Single(s => FlagText.Name(s) == value);

    private static async Task<int> NotFoundAsync(long id)
    {
        await Console.Error.WriteLineAsync($"No flag with id {id}. See: flags list --status all");
        return ExitCodes.BadInput;
    }

    private static string Describe(FlagRecord flag) =>
        $"""
        Flag {flag.Id}: {FlagText.Name(flag.Status)}
        Tier:       {FlagText.Name(flag.Verdict.Tier)}
        Categories: {FlagText.Categories(flag.Verdict)}
        Signals:    {FlagText.Signals(flag.Verdict)}
        From:       {flag.Origin}{(flag.MessageLink is { } link ? " " + link : "")}{(flag.AuthorId is { } author ? " (author " + author + ")" : "")}
        Message:    {flag.Question ?? PurgedText(flag)}
        Reply:      {flag.Reply ?? PurgedText(flag)}
        Actions:
        {string.Join(Environment.NewLine, flag.Actions.Select(a => "  " + FlagText.Describe(a)))}
        """;

    private static string PurgedText(FlagRecord flag) => $"(purged {FlagText.Time(flag.TextPurgedAt!.Value)})";

    /// <summary>One element of <c>flags list --json</c>; the contract fixes these fields.</summary>
    private sealed record FlagListItem(
        long Id, FlagStatus Status, SafetyTier Tier, IReadOnlyList<SafetyCategory> Categories, IReadOnlyList<string> Signals,
        DateTimeOffset CreatedAt, string? ChannelId, string? MessageId, IReadOnlyList<FlagAuditEntry> Actions)
    {
        public static FlagListItem From(FlagRecord f) =>
            new(f.Id, f.Status, f.Verdict.Tier, f.Verdict.Categories, f.Verdict.Signals, f.CreatedAt, f.ChannelId, f.MessageId, f.Actions);
    }

    private sealed record FlagDetail(
        long Id, FlagStatus Status, SafetyTier Tier, IReadOnlyList<SafetyCategory> Categories, IReadOnlyList<string> Signals,
        DateTimeOffset CreatedAt, string Origin, string? GuildId, string? ChannelId, string? MessageId, string? AuthorId, string? MessageLink,
        string? Question, string? Reply, DateTimeOffset? TextPurgedAt, IReadOnlyList<FlagAuditEntry> Actions)
    {
        public static FlagDetail From(FlagRecord f) =>
            new(f.Id, f.Status, f.Verdict.Tier, f.Verdict.Categories, f.Verdict.Signals, f.CreatedAt, f.Origin, f.GuildId, f.ChannelId, f.MessageId,
                f.AuthorId, f.MessageLink, f.Question, f.Reply, f.TextPurgedAt, f.Actions);
    }

    /// <summary>
    /// One exported line. <c>id</c> and <c>text</c> match the <c>eval</c> verb's input, so a fixed safety rule can be
    /// checked by running <c>eval</c> on the export (purged flags have no text and are skipped there).
    /// </summary>
    private sealed record FlagExportLine(
        string Id, long FlagId, FlagStatus Status, DateTimeOffset CreatedAt, string? Text, string? Reply, SafetyVerdict Safety, IReadOnlyList<string> Notes)
    {
        public static FlagExportLine From(FlagRecord f) =>
            new($"flag-{f.Id}", f.Id, f.Status, f.CreatedAt, f.Question, f.Reply, f.Verdict, [.. f.Actions.Select(a => a.Note).OfType<string>()]);
    }
}
