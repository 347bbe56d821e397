using System.Text.Json;
using SleepBot.Tests.Cli;

namespace SleepBot.Tests.Llm;

/// <summary>
/// The built program, as an operator runs it: <c>ask --json</c> with the <c>Llm</c> settings in environment
/// variables, answering through the loopback stub. Each run is its own process, so settings cannot leak between tests.
/// </summary>
public sealed class AskWithLlmTests : IAsyncLifetime
{
    private const string Question = "How long will the crying last on the first nights?";

    private OpenAiStub _stub = null!;

    public async Task InitializeAsync() => _stub = await OpenAiStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Ask_json_returns_the_model_reply_with_the_sources_it_cited()
    {
        _stub.Chat = (_, request, context) => OpenAiStub.Reply(context, $"The first nights are usually the hardest.\n[sources: {OpenAiStub.PassageIds(request)[0]}]");

        var run = await AskAsync(Question, LlmSettings());

        Assert.Equal(0, run.ExitCode);
        using var reply = JsonDocument.Parse(run.Stdout);
        Assert.Equal("answer", reply.RootElement.GetProperty("route").GetString());
        Assert.StartsWith("The first nights are usually the hardest.\n\nSources: “", reply.RootElement.GetProperty("answer").GetString());
        var sources = reply.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal([OpenAiStub.PassageIds(Assert.Single(_stub.ChatRequests))[0]], sources);
    }

    [Fact]
    public async Task Ask_json_with_a_hanging_model_returns_the_extractive_reply()
    {
        _stub.Chat = (_, _, context) => OpenAiStub.Hang(context);
        var extractive = await AskAsync(Question, new Dictionary<string, string> { ["Llm__Provider"] = "None" });

        var run = await AskAsync(Question, LlmSettings(timeoutSeconds: 1));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("The model did not answer (Timeout)", run.Stderr);
        Assert.Equal(extractive.Stdout, run.Stdout);
    }

    [Fact]
    public async Task A_missing_model_stops_the_start_with_exit_code_3_naming_the_key()
    {
        var settings = LlmSettings();
        settings.Remove("Llm__Model");

        var run = await AskAsync(Question, settings);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Llm:Model is required when Llm:Provider is OpenAICompatible", run.Stderr);
        Assert.Empty(_stub.ChatRequests);
    }

    private Dictionary<string, string> LlmSettings(int timeoutSeconds = 10) => new()
    {
        ["Llm__Provider"] = "OpenAICompatible",
        ["Llm__Endpoint"] = _stub.BaseUrl,
        ["Llm__Model"] = "test-model",
        ["Llm__TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Task<(int ExitCode, string Stdout, string Stderr)> AskAsync(string message, Dictionary<string, string> environment) =>
        SleepBotProcess.RunAsync(["ask", message, "--json"], environment: environment);
}
