using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SleepBot.Discord.Models;

/// <summary>Serializer settings for Discord's wire format: snake_case names, snowflakes as strings.</summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new SnowflakeConverter() },
    };

    /// <summary>Snowflakes and permission sets are 64-bit and travel as strings; JavaScript numbers would lose bits.</summary>
    private sealed class SnowflakeConverter : JsonConverter<ulong>
    {
        // Anything that is not a snowflake is a JsonException, so callers handle one kind of unreadable payload.
        public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.String when ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
                JsonTokenType.Number when reader.TryGetUInt64(out var id) => id,
                _ => throw new JsonException($"Expected a snowflake, found {reader.TokenType}."),
            };

        public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
