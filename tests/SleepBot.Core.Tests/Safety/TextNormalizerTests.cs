using SleepBot.Text;

namespace SleepBot.Core.Tests.Safety;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("FLOPPY", "floppy")]
    [InlineData("ｆｅｖｅｒ ３９．５", "fever 39.5")]
    [InlineData("fl\u200Bo\u00ADppy", "floppy")]
    [InlineData("fеvеr", "fever")] // Cyrillic е
    [InlineData("fièvre naïve", "fievre naive")]
    [InlineData("fe\u0301ver", "fever")]
    [InlineData("𝐟𝐞𝐯𝐞𝐫", "fever")]
    [InlineData("ⓕⓔⓥⓔⓡ", "fever")]
    [InlineData("38℃", "38°c")]
    [InlineData("don’t", "don't")]
    [InlineData("line one\r\nline\u2028two\tthree", "line one\n\nline\ntwo three")]
    public void Folds_to_plain_lower_case_latin(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Lone_surrogates_do_not_throw()
    {
        Assert.Equal("a\uFFFDb", TextNormalizer.Normalize("a\uD800b"));
    }
}
