using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace SleepBot.Discord.Tests.Fuzz;

/// <summary>
/// Gateway frames as a broken or hostile server might send them: valid payloads with fields removed, nulled,
/// wrongly typed or huge; unknown op codes and event types; JSON that is no payload; text that is no JSON.
/// Structure comes from a generated seed (so FsCheck can replay a failure), text from FsCheck's Unicode strings.
/// </summary>
internal static class GatewayFrames
{
    public const int HugeLength = 200_000;

    private static readonly string[] KnownEvents = ["READY", "MESSAGE_CREATE", "INTERACTION_CREATE", "RESUMED"];
    private static readonly string[] OtherEvents = ["GUILD_CREATE", "TYPING_START", "MESSAGE_UPDATE", "", "message_create", "READY ", "\u0000"];

    private static Gen<string> Text { get; } = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "");

    private static Gen<(int Seed, string Text)> SeedAndText { get; } =
        Gen.Choose(0, int.MaxValue).SelectMany(seed => Text.Select(text => (seed, text)));

    /// <summary>A MESSAGE_CREATE's data, damaged.</summary>
    public static Arbitrary<JsonObject> MessageData { get; } =
        SeedAndText.Select(x => Damage(ValidMessage(x.Text), new Random(x.Seed))).ToArbitrary();

    /// <summary>An INTERACTION_CREATE's data, damaged (nested parts too).</summary>
    public static Arbitrary<JsonObject> InteractionData { get; } =
        SeedAndText.Select(x => Damage(ValidInteraction(x.Text), new Random(x.Seed))).ToArbitrary();

    /// <summary>A READY's data, damaged.</summary>
    public static Arbitrary<JsonObject> ReadyData { get; } =
        SeedAndText.Select(x => Damage(ValidReady(), new Random(x.Seed))).ToArbitrary();

    /// <summary>Any text a gateway frame could carry: payloads (damaged or not), other JSON, non-JSON.</summary>
    public static Arbitrary<string> AnyFrame { get; } = SeedAndText.Select(x => Frame(new Random(x.Seed), x.Text)).ToArbitrary();

    /// <summary>Frames for a live connection: like <see cref="AnyFrame"/>, but never one that is a valid event with a sequence.</summary>
    /// <remarks>A sequence number from nowhere would make the client skip the simulator's real events as already seen.</remarks>
    public static string LiveFrame(Random random, string text)
    {
        var frame = Frame(random, text);
        try
        {
            if (JsonNode.Parse(frame) is JsonObject json)
            {
                json.Remove("s");
                return json.ToJsonString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: sent as it is.
        }
        return frame;
    }

    public static string Frame(Random random, string text)
    {
        switch (random.Next(10))
        {
            case 0:
                return Garbage(random, text);
            case 1:
                return (RandomValue(random, 0, text) ?? JsonValue.Create(0))!.ToJsonString();
            case 2:
                return Envelope(random, RandomOp(random), RandomValue(random, 0, text), text).ToJsonString();
            default:
                var eventName = random.Next(4) == 0 ? Pick(random, OtherEvents) : Pick(random, KnownEvents);
                JsonNode? data = eventName switch
                {
                    "MESSAGE_CREATE" => Damage(ValidMessage(text), random),
                    "INTERACTION_CREATE" => Damage(ValidInteraction(text), random),
                    "READY" => Damage(ValidReady(), random),
                    _ => RandomValue(random, 0, text),
                };
                return Envelope(random, 0, data, eventName).ToJsonString();
        }
    }

    private static JsonObject Envelope(Random random, JsonNode? op, JsonNode? data, string? eventName)
    {
        var frame = new JsonObject { ["op"] = op, ["d"] = data, ["s"] = random.Next(1, 1000), ["t"] = eventName };
        return Damage(frame, random, depth: 1);
    }

    private static JsonNode? RandomOp(Random random) => random.Next(6) switch
    {
        0 => random.Next(-5, 100),
        1 => JsonValue.Create("10"),
        2 => JsonValue.Create(1.5),
        3 => JsonNode.Parse("99999999999999999999"),
        4 => null,
        _ => Pick(random, [1, 7, 9, 10, 11, 3, 4, 8, 12]),
    };

    private static string Garbage(Random random, string text)
    {
        var valid = Envelope(random, 0, ValidMessage(text), "MESSAGE_CREATE").ToJsonString();
        return random.Next(5) switch
        {
            0 => text,
            1 => valid[..random.Next(valid.Length)],
            2 => valid + "}",
            3 => new string('[', 200) + new string(']', 200),
            _ => "{\"op\":0,\"d\":{\"content\":\"" + text.Replace("\"", "", StringComparison.Ordinal) + "\\ud800\"},\"t\":\"\\udfff\"}",
        };
    }

    /// <summary>Removes, nulls, retypes or inflates some fields, recursively; sometimes adds unknown ones.</summary>
    private static JsonObject Damage(JsonObject node, Random random, int depth = 0)
    {
        foreach (var key in node.Select(p => p.Key).ToList())
        {
            switch (random.Next(12))
            {
                case 0:
                    node.Remove(key);
                    break;
                case 1:
                    node[key] = null;
                    break;
                case 2:
                    node[key] = RandomValue(random, depth, null);
                    break;
                case 3 when depth < 3 && node[key] is JsonObject child:
                    Damage(child, random, depth + 1);
                    break;
                case 4 when depth < 3 && node[key] is JsonArray items:
                    items.Add(RandomValue(random, depth + 1, null));
                    foreach (var item in items.OfType<JsonObject>())
                        Damage(item, random, depth + 1);
                    break;
            }
        }
        if (random.Next(4) == 0)
            node["unknown_" + random.Next(100)] = RandomValue(random, depth, null);
        return node;
    }

    private static JsonNode? RandomValue(Random random, int depth, string? text) => random.Next(depth < 3 ? 11 : 9) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.NextInt64(long.MinValue, long.MaxValue),
        3 => random.NextDouble() * 1e300,
        4 => text ?? "x",
        5 => JsonNode.Parse("123456789012345678901234567890"),
        6 => new string('\u00e9', HugeLength),
        7 => Pick(random, ["", "-1", "abc", "1.5", "18446744073709551616", "\u0000"]),
        8 => JsonValue.Create(random.Next()),
        9 => new JsonArray(RandomValue(random, depth + 1, text), RandomValue(random, depth + 1, text)),
        _ => new JsonObject { ["id"] = RandomValue(random, depth + 1, text), ["content"] = RandomValue(random, depth + 1, text) },
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static JsonObject User(ulong id, bool bot = false) =>
        new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["username"] = "parent", ["global_name"] = "Parent", ["bot"] = bot };

    public static JsonObject ValidMessage(string content) => new()
    {
        ["id"] = "1300000000000000001",
        ["channel_id"] = "1400000000000000001",
        ["guild_id"] = "1100000000000000003",
        ["author"] = User(1_500_000_000_000_000_001),
        ["member"] = new JsonObject { ["roles"] = new JsonArray("1"), ["nick"] = null },
        ["content"] = content,
        ["timestamp"] = "2026-11-22T12:00:00.000+00:00",
        ["type"] = 0,
        ["mentions"] = new JsonArray(User(1_100_000_000_000_000_001, bot: true)),
        ["mention_roles"] = new JsonArray("42"),
        ["mention_everyone"] = false,
        ["message_reference"] = new JsonObject { ["message_id"] = "1300000000000000000", ["channel_id"] = "1400000000000000001" },
    };

    public static JsonObject ValidInteraction(string question) => new()
    {
        ["id"] = "1300000000000000002",
        ["application_id"] = "1100000000000000002",
        ["type"] = 2,
        ["data"] = new JsonObject
        {
            ["id"] = "1",
            ["name"] = "ask",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = question }),
        },
        ["guild_id"] = "1100000000000000003",
        ["channel_id"] = "1400000000000000002",
        ["member"] = new JsonObject { ["user"] = User(1_500_000_000_000_000_001), ["roles"] = new JsonArray(), ["permissions"] = "0" },
        ["token"] = "itoken",
        ["message"] = ValidMessage("a bot message"),
    };

    public static JsonObject ValidReady() => new()
    {
        ["v"] = 10,
        ["user"] = User(1_100_000_000_000_000_001, bot: true),
        ["session_id"] = "abc",
        ["resume_gateway_url"] = "ws://127.0.0.1:1/gateway-resume",
        ["application"] = new JsonObject { ["id"] = "1100000000000000002", ["flags"] = 0 },
    };
}
