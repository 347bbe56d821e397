using FsCheck;
using FsCheck.Fluent;

namespace SleepBot.Core.Tests.Fuzz;

/// <summary>Generators for hostile and odd parent messages.</summary>
internal static class FuzzMessages
{
    public const int HugeLength = 100_000;

    private static readonly string[] Mentions = ["@everyone", "@here", "<@123456789012345678>", "<@!42>", "<@&987654321>", "<#1>", "@", "<@", "<@&"];

    // Words that steer messages onto the answer route, and some a safety engine looks for.
    private static readonly string[] KnowledgeWords =
    [
        "cry", "crying", "sleep", "training", "cio", "check in", "ferber", "screaming", "protest", "rocking", "feed", "nap",
        "guilt", "attachment", "regression", "how long", "7mo", "LO", "fever", "not breathing", "blue lips", "can't cope",
    ];

    private static Gen<string> Fragment { get; } = Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
        (3, Gen.Elements(KnowledgeWords).Select(w => " " + w + " ")),
        (2, Gen.Elements(Mentions)),
        (2, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())), // lone surrogates and controls included
        (1, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)),
        (1, Gen.Choose(0x0300, 0x036F).Select(c => ((char)c).ToString())), // combining marks
        (1, Gen.Elements("\u200B", "\u200D", "\u2060", "\uFEFF", "\u202E", "\u00AD", "\r\n", "\t", "\0")),
        (1, Gen.Elements("ｃｒｙ", "СRY", "slееp", "😭", "👶🏽", "Ⅻ", "ﬁ", "ß", "İ", "\u0130\u0307")));

    /// <summary>Anything from empty to a few hundred characters.</summary>
    public static Arbitrary<string> Any { get; } = Arb.From(Gen.ListOf(Fragment).Select(string.Concat));

    /// <summary>A random mix repeated to exactly <see cref="HugeLength"/> UTF-16 units.</summary>
    public static Arbitrary<string> Huge { get; } = Arb.From(Gen.NonEmptyListOf(Fragment).Select(parts =>
    {
        var chunk = string.Concat(parts);
        return string.Concat(Enumerable.Repeat(chunk, (HugeLength / chunk.Length) + 1))[..HugeLength];
    }));

    /// <summary>A short follow-up and the parent's earlier message, so the two are searched together.</summary>
    public static Arbitrary<(string FollowUp, string Earlier)> FollowUps { get; } =
        Arb.From(Gen.Zip(Gen.ListOf(Fragment, 3).Select(string.Concat), Gen.ListOf(Fragment).Select(string.Concat)));
}
