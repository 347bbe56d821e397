using System.Text.Json;

namespace SleepBot.Discord.Gateway;

/// <summary>
/// One gateway message as it came off the socket: <c>{"op", "d", "s", "t"}</c>. Reading it never throws: a frame
/// that is valid JSON but not a gateway payload is reported as unreadable and skipped, so one odd frame never
/// takes the bot offline.
/// </summary>
/// <param name="Data">The <c>d</c> field; <see cref="JsonValueKind.Undefined"/> when absent. Valid while the frame's document lives.</param>
internal readonly record struct GatewayPayload(GatewayOpCode Op, JsonElement Data, long? Sequence, string? EventName)
{
    /// <summary>Reads the envelope; false (with why) for anything that is not an object with an integer <c>op</c>.</summary>
    public static bool TryRead(JsonElement root, out GatewayPayload payload, out string? problem)
    {
        payload = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = $"the frame is a JSON {root.ValueKind}, not an object";
            return false;
        }
        if (!root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out var opCode))
        {
            problem = "the frame has no integer op";
            return false;
        }

        var data = root.TryGetProperty("d", out var d) ? d : default;
        long? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var seq) && seq >= 0 ? seq : null;
        var eventName = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? ReadString(t) : null;
        payload = new GatewayPayload((GatewayOpCode)opCode, data, sequence, eventName);
        problem = null;
        return true;
    }

    /// <summary>Hello's heartbeat interval, if it is a usable one (positive, at most a day).</summary>
    public TimeSpan? HeartbeatInterval =>
        Data.ValueKind == JsonValueKind.Object
        && Data.TryGetProperty("heartbeat_interval", out var interval)
        && interval.ValueKind == JsonValueKind.Number
        && interval.TryGetDouble(out var ms)
        && ms is > 0 and <= 86_400_000
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    // GetString throws on escaped lone surrogates ("\ud800"), which are valid JSON; such a name is no event we know.
    private static string? ReadString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return "(unreadable)";
        }
    }

    /// <summary>Op 9's <c>d</c>: whether the session may be resumed.</summary>
    public bool Resumable => Data.ValueKind == JsonValueKind.True;
}
