using Microsoft.Extensions.DependencyInjection;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Llm;
using SleepBot.Retrieval;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Tests.Llm;

// A generous timeout: a fifth of it bounds the question's embedding, which a busy machine must not miss.
public sealed class HybridRetrievalTests : IAsyncLifetime
{
    // Shares no word with any entry, so only its embedding can find an answer.
    private const string Question = "blorptastic wumpus";
    private const string TargetId = "should-i-go-in";
    private const string TargetTitle = "Should I go in when my baby cries?";

    private OpenAiStub _stub = null!;

    public async Task InitializeAsync()
    {
        _stub = await OpenAiStub.StartAsync();
        // Two directions: the question and the target entry point one way, everything else the other.
        _stub.Embed = text => text == Question || text.StartsWith(TargetTitle, StringComparison.Ordinal) ? [0, 1, 0] : [1, 0, 0];
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task An_entry_found_only_by_its_embedding_answers_the_question()
    {
        Assert.Equal(AnswerRoute.NoMatch, (await ExtractiveReplyAsync(Question)).Route);
        using var host = LlmTestHost.Start(_stub, timeoutSeconds: 60, embeddingModel: "test-embed");

        var reply = await host.AskAsync(Question);

        Assert.Equal(AnswerRoute.Answer, reply.Route);
        Assert.Equal(TargetId, reply.Sources[0].Id);
        Assert.Equal(1.0, reply.Sources[0].Score);
        Assert.Equal([TargetId], OpenAiStub.PassageIds(Assert.Single(_stub.ChatRequests)));
        Assert.All(_stub.EmbeddingRequests, r => Assert.Equal("test-embed", r["model"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Entry_embeddings_are_cached_on_disk_and_not_asked_for_again()
    {
        using (var first = LlmTestHost.Start(_stub, timeoutSeconds: 60, embeddingModel: "test-embed"))
        {
            await first.AskAsync(Question);
            Assert.Equal(SearchableEntries(first), Directory.GetFiles(first.CacheFolder, "*.f32").Length);
            var before = _stub.EmbeddingRequests.Count;

            using var second = LlmTestHost.Start(_stub, timeoutSeconds: 60, embeddingModel: "test-embed", cacheFolder: first.CacheFolder);
            var reply = await second.AskAsync(Question);

            Assert.Equal(TargetId, reply.Sources[0].Id);
            var request = Assert.Single(_stub.EmbeddingRequests.Skip(before));
            Assert.Equal(Question, Inputs(request).Single());
        }
    }

    [Fact]
    public async Task A_hot_reload_embeds_the_changed_entry_before_the_next_question()
    {
        const string Added = "A calm voice through the door can be enough.";
        using var knowledge = TempKnowledgeFolder.CopyOfShipped();
        using var host = LlmTestHost.Start(_stub, timeoutSeconds: 60, embeddingModel: "test-embed", knowledgePath: knowledge.Path);
        await host.AskAsync(Question);
        var before = _stub.EmbeddingRequests.Count;

        var file = "check_ins/should-i-go-in.md";
        knowledge.Write(file, knowledge.Read(file) + $"\n{Added}\n");
        host.Services.GetRequiredService<KnowledgeStore>().Reload();
        var refresh = await _stub.WaitForEmbeddingRequestAsync(r => Inputs(r).Any(i => i.Contains(Added, StringComparison.Ordinal)));

        Assert.Single(Inputs(refresh));
        Assert.Equal(before + 1, _stub.EmbeddingRequests.Count);
        var reply = await host.AskAsync(Question);
        Assert.Equal(TargetId, reply.Sources[0].Id);
    }

    [Fact]
    public async Task Without_embeddings_in_time_the_lexical_hits_answer()
    {
        using var host = LlmTestHost.Start(_stub, timeoutSeconds: 60, embeddingModel: "test-embed");
        await _stub.DisposeAsync();

        var search = host.Services.GetRequiredService<IKnowledgeSearch>();
        var snapshot = host.Services.GetRequiredService<KnowledgeStore>().Current;
        var hits = await search.SearchAsync("should I go in when my baby cries", 3, snapshot, CancellationToken.None);

        Assert.Equal(snapshot.Index.Search("should I go in when my baby cries", 3).Select(h => h.Entry.Id), hits.Select(h => h.Entry.Id));
    }

    [Fact]
    public void Blend_orders_by_the_mean_of_relative_rank_and_similarity_and_drops_weak_semantic_only_entries()
    {
        var (a, b, c, d) = (Entry("a"), Entry("b"), Entry("c"), Entry("d"));
        var lexical = new[] { new SearchHit(a, 0.6, 3.0), new SearchHit(b, 0.3, 1.5) };
        var vectors = new Dictionary<string, float[]> { ["a"] = [1, 0], ["b"] = [0, 1], ["c"] = [0.8f, 0.6f], ["d"] = [1, 0.2f] };

        var hits = HybridKnowledgeSearch.Blend(lexical, [a, b, c, d], vectors, [0, 1], minSimilarity: 0.5, maxHits: 5);

        Assert.Equal(["b", "a", "c"], hits.Select(h => h.Entry.Id));
        Assert.Equal([1.0, 0.6, 0.6], hits.Select(h => h.Score));
        Assert.Equal(0.75, hits[0].Rank, precision: 6);
    }

    private static int SearchableEntries(LlmTestHost host) =>
        host.Services.GetRequiredService<KnowledgeStore>().Current.Entries.Count(e => e.Tier is null);

    private static IReadOnlyList<string> Inputs(System.Text.Json.Nodes.JsonNode request) =>
        request["input"] is System.Text.Json.Nodes.JsonArray array ? [.. array.Select(i => i!.GetValue<string>())] : [request["input"]!.GetValue<string>()];

    private static async Task<BotReply> ExtractiveReplyAsync(string question)
    {
        using var services = TestServices.Build(RepoPaths.Knowledge);
        return await services.GetRequiredService<AnswerPipeline>().AnswerAsync(new Question(question) { Rehearsal = true }, CancellationToken.None);
    }

    private static KnowledgeEntry Entry(string id) =>
        new() { Id = id, Title = id, Topic = "why_crying", Articles = [], Paragraphs = [id], File = id + ".md" };
}
