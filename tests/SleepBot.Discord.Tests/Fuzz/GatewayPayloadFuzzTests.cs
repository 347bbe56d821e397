using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SleepBot.Discord.Gateway;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Tests.Fuzz;

/// <summary>
/// The gateway's frame and dispatch readers on whatever a server might send: they never throw, and any event
/// they produce is one the bot can rely on (an author, content, lists without nulls).
/// </summary>
public sealed class GatewayPayloadFuzzTests
{
    [Property(MaxTest = 400)]
    public Property Any_frame_is_read_or_reported_never_thrown() =>
        Prop.ForAll(GatewayFrames.AnyFrame, frame =>
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(frame);
            }
            catch (JsonException)
            {
                // Not JSON at all: the connection ends and resumes (covered through the socket).
                return;
            }
            using (document)
            {
                if (!GatewayPayload.TryRead(document.RootElement, out var payload, out var problem))
                {
                    Assert.False(string.IsNullOrEmpty(problem));
                    return;
                }
                _ = payload.HeartbeatInterval;
                _ = payload.Resumable;
                if (payload.Op == GatewayOpCode.Dispatch)
                    AssertUsable(GatewayDispatch.Read(payload.EventName, payload.Data));
            }
        });

    [Property(MaxTest = 300)]
    public Property Damaged_message_create_is_an_event_or_a_reason() =>
        Prop.ForAll(GatewayFrames.MessageData, data => AssertUsable(Read("MESSAGE_CREATE", data)));

    [Property(MaxTest = 300)]
    public Property Damaged_interaction_create_is_an_event_or_a_reason() =>
        Prop.ForAll(GatewayFrames.InteractionData, data => AssertUsable(Read("INTERACTION_CREATE", data)));

    [Property(MaxTest = 300)]
    public Property Damaged_ready_is_an_event_with_a_session_or_a_reason() =>
        Prop.ForAll(GatewayFrames.ReadyData, data =>
        {
            var dispatch = Read("READY", data);
            AssertUsable(dispatch);
            Assert.Equal(dispatch.Event is not null, dispatch.Session is not null);
        });

    // Each of these crashed the reader, killed the gateway loop, or handed the bot a message with a null in it.
    [Theory]
    [InlineData("""{"op":0,"t":"MESSAGE_CREATE","s":1,"d":null}""")]
    [InlineData("""{"op":0,"t":"MESSAGE_CREATE","s":1,"d":{"id":"1","channel_id":"2","author":null,"content":"hi"}}""")]
    [InlineData("""{"op":0,"t":"MESSAGE_CREATE","s":1,"d":{"id":"abc","channel_id":"2","author":{"id":"3"}}}""")]
    [InlineData("""{"op":0,"t":"MESSAGE_CREATE","s":1,"d":{"id":"99999999999999999999","channel_id":"2","author":{"id":"3"}}}""")]
    [InlineData("""{"op":0,"t":"MESSAGE_CREATE","s":1,"d":{"id":"1","channel_id":"2","author":{"id":"3"},"mention_roles":[null]}}""")]
    [InlineData("""{"op":0,"t":"READY","s":1,"d":{"session_id":"x","resume_gateway_url":"not a url","user":{"id":"1"},"application":{"id":"2"}}}""")]
    [InlineData("""{"op":0,"t":"READY","s":1,"d":{}}""")]
    [InlineData("""{"op":0,"t":"INTERACTION_CREATE","s":1,"d":{"id":"1","type":2,"data":{"name":"ask","options":null}}}""")]
    [InlineData("""{"op":0,"t":"\ud800","s":1,"d":{}}""")]
    [InlineData("""{"op":0,"d":{}}""")]
    [InlineData("""{"op":"10","d":{"heartbeat_interval":41250}}""")]
    [InlineData("""{"op":10}""")]
    [InlineData("""{"op":10,"d":{"heartbeat_interval":"soon"}}""")]
    [InlineData("""{"op":99999999999}""")]
    [InlineData("""{"d":{}}""")]
    [InlineData("[]")]
    [InlineData("42")]
    public void Known_crashers_are_read_or_reported(string frame)
    {
        using var document = JsonDocument.Parse(frame);

        if (GatewayPayload.TryRead(document.RootElement, out var payload, out _))
        {
            if (payload.Op == GatewayOpCode.Hello)
                Assert.Null(payload.HeartbeatInterval);
            if (payload.Op == GatewayOpCode.Dispatch)
            {
                AssertUsable(GatewayDispatch.Read(payload.EventName, payload.Data));
            }
        }
    }

    [Fact]
    public void Nulls_in_a_readable_message_become_the_models_defaults()
    {
        var data = GatewayFrames.ValidMessage("why does she cry?");
        data["content"] = null;
        data["mentions"] = new JsonArray(null, data["mentions"]![0]!.DeepClone());
        data["mention_roles"] = null;
        data["author"]!["username"] = null;

        var message = Assert.IsType<MessageCreatedEvent>(Read("MESSAGE_CREATE", data).Event).Message;

        Assert.Equal("", message.Content);
        Assert.Equal(1_100_000_000_000_000_001UL, Assert.Single(message.Mentions).Id);
        Assert.Empty(message.MentionRoles);
        Assert.Equal("", message.Author.Username);
    }

    [Fact]
    public void A_valid_ready_starts_a_session_to_resume()
    {
        var dispatch = Read("READY", GatewayFrames.ValidReady());

        var ready = Assert.IsType<ReadyEvent>(dispatch.Event);
        Assert.Equal(1_100_000_000_000_000_002UL, ready.ApplicationId);
        Assert.Equal("abc", dispatch.Session!.SessionId);
        Assert.Equal("ws://127.0.0.1:1/gateway-resume", dispatch.Session.ResumeUrl.ToString());
    }

    private static GatewayDispatch Read(string eventName, JsonObject data)
    {
        using var document = JsonDocument.Parse(data.ToJsonString());
        return GatewayDispatch.Read(eventName, document.RootElement);
    }

    /// <summary>Either an event the bot can use without null checks, or nothing (with a reason if it was unreadable).</summary>
    private static void AssertUsable(GatewayDispatch dispatch)
    {
        Assert.False(dispatch.Event is not null && dispatch.Problem is not null);
        switch (dispatch.Event)
        {
            case MessageCreatedEvent { Message: var message }:
                AssertUsable(message);
                break;
            case InteractionCreatedEvent { Interaction: var interaction }:
                Assert.NotNull(interaction.Token);
                Assert.All(interaction.Data?.Options ?? [], AssertUsable);
                Assert.All(interaction.Member?.Roles ?? [], _ => { });
                if (interaction.Message is { } clicked)
                    AssertUsable(clicked);
                _ = interaction.GetStringOption("question");
                _ = interaction.Invoker?.Id;
                break;
            case ReadyEvent ready:
                Assert.NotNull(ready.User);
                Assert.NotNull(dispatch.Session);
                break;
        }
    }

    private static void AssertUsable(DiscordMessage message)
    {
        Assert.NotNull(message.Author);
        Assert.NotNull(message.Author.Username);
        Assert.NotNull(message.Content);
        Assert.NotNull(message.Mentions);
        Assert.All(message.Mentions, Assert.NotNull);
        Assert.NotNull(message.MentionRoles);
        if (message.Member is { } member)
            Assert.NotNull(member.Roles);
    }

    private static void AssertUsable(InteractionOption option)
    {
        Assert.NotNull(option);
        Assert.NotNull(option.Name);
        Assert.All(option.Options, AssertUsable);
    }
}
