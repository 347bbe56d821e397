using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SleepBot.Tests.Llm;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (Kestrel, port 0): records every request body and answers
/// <c>/v1/chat/completions</c> with whatever the test scripted, <c>/v1/embeddings</c> with <see cref="Embed"/>.
/// </summary>
public sealed class OpenAiStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonNode> _chatRequests = new();
    private readonly ConcurrentQueue<JsonNode> _embeddingRequests = new();
    private readonly SemaphoreSlim _embeddingArrived = new(0);
    private int _chatCalls;

    private OpenAiStub(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Answers the n-th chat call (0-based) given its request body; by default, a reply citing the first passage.</summary>
    public Func<int, JsonNode, HttpContext, Task> Chat { get; set; } =
        (_, request, context) => Reply(context, $"You are doing well.\n[sources: {PassageIds(request)[0]}]");

    /// <summary>Maps one input text to its vector.</summary>
    public Func<string, float[]> Embed { get; set; } = _ => [1, 0, 0];

    public IReadOnlyList<JsonNode> ChatRequests => [.. _chatRequests];

    public IReadOnlyList<JsonNode> EmbeddingRequests => [.. _embeddingRequests];

    public static async Task<OpenAiStub> StartAsync()
    {
        // The empty builder reads no config files, so the stub holds no file watcher (inotify instances are scarce).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var stub = new OpenAiStub(app);
        app.MapPost("/v1/chat/completions", stub.HandleChatAsync);
        app.MapPost("/v1/embeddings", stub.HandleEmbeddingsAsync);
        await app.StartAsync();
        stub.BaseUrl = app.Urls.Single() + "/v1";
        return stub;
    }

    public static Task Reply(HttpContext context, string content) => context.Response.WriteAsJsonAsync(new
    {
        id = "chatcmpl-stub",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    });

    public static Task Status(HttpContext context, int status, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return context.Response.WriteAsJsonAsync(new { error = new { message = "stub error", type = "server_error" } });
    }

    /// <summary>Never answers: holds the request until the client gives up.</summary>
    public static async Task Hang(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Waits (up to 10 s) until an embeddings request matching <paramref name="match"/> has arrived.</summary>
    public async Task<JsonNode> WaitForEmbeddingRequestAsync(Func<JsonNode, bool> match)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_embeddingRequests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await _embeddingArrived.WaitAsync(patience.Token);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>The text of the request's message with this role (content as a string or as text parts).</summary>
    public static string MessageText(JsonNode request, string role)
    {
        var message = request["messages"]!.AsArray().Single(m => m!["role"]!.GetValue<string>() == role)!;
        return message["content"] is JsonArray parts
            ? string.Concat(parts.Select(p => p!["text"]?.GetValue<string>()))
            : message["content"]!.GetValue<string>();
    }

    /// <summary>The entry ids of the knowledge passages the request carried, in order.</summary>
    public static IReadOnlyList<string> PassageIds(JsonNode request) =>
        [.. Regex.Matches(MessageText(request, "user"), "<passage id=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    private async Task HandleChatAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!;
        _chatRequests.Enqueue(request);
        await Chat(Interlocked.Increment(ref _chatCalls) - 1, request, context);
    }

    private async Task HandleEmbeddingsAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!;
        _embeddingRequests.Enqueue(request);
        _embeddingArrived.Release();
        var inputs = request["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list",
            // The OpenAI client asks for base64 (little-endian float32) unless told otherwise.
            data = inputs.Select((text, i) => new
            {
                @object = "embedding",
                index = i,
                embedding = request["encoding_format"]?.GetValue<string>() == "base64"
                    ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(Embed(text).AsSpan()))
                    : Embed(text),
            }),
            model = request["model"]?.GetValue<string>(),
            usage = new { prompt_tokens = 1, total_tokens = 1 },
        });
    }
}
