using SleepBot.Answering;

namespace SleepBot.Core.Tests.Answering;

public sealed class ReplyTextAssembleTests
{
    private const string Sources = "Sources: “Entry” (from: Article)";

    [Fact]
    public void Paragraphs_that_fit_are_joined_with_blank_lines_before_the_sources()
    {
        Assert.Equal($"one\n\ntwo\n\n{Sources}", ReplyText.Assemble(["one", "two"], Sources));
    }

    [Fact]
    public void Trailing_paragraphs_that_would_overflow_are_dropped_whole()
    {
        var first = new string('a', 1200);
        var second = new string('b', 800);

        var reply = ReplyText.Assemble([first, second, "short"], Sources);

        Assert.Equal($"{first}\n\n{Sources}", reply);
    }

    [Fact]
    public void A_paragraph_ending_exactly_at_the_limit_is_kept()
    {
        var first = new string('a', ReplyText.MaxLength - Sources.Length - 2);

        var reply = ReplyText.Assemble([first], Sources);

        Assert.Equal(ReplyText.MaxLength, reply.Length);
        Assert.EndsWith(Sources, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_paragraph_too_long_to_send_is_cut_at_a_word_with_an_ellipsis()
    {
        var first = string.Join(' ', Enumerable.Repeat("word", 600));

        var reply = ReplyText.Assemble([first], Sources);

        Assert.True(reply.Length <= ReplyText.MaxLength);
        Assert.Contains("word…\n\n" + Sources, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void No_paragraphs_leave_only_the_sources()
    {
        Assert.Equal("\n\n" + Sources, ReplyText.Assemble([], Sources));
    }
}
