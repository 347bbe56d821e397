using System.Buffers;

namespace SleepBot.Safety;

/// <summary>
/// A second reading for the messages the rules find nothing in: a model trained on the labelled examples in
/// <c>knowledge/safety/examples</c> that says how much a message reads like the distress ones. The rules know the
/// words they were written for; parents keep finding new ones ("throwing up stuff the colour of a highlighter"),
/// and on each fresh held-back round the rules alone missed 6–13 % of the distress messages. This reading can only
/// raise a message the rules left clear, never lower a tier they gave.
/// </summary>
/// <remarks>
/// Hand-written rather than ML.NET: ML.NET's text featurizer and maximum-entropy trainer took 58 µs a message and
/// 11 s to train on the same examples, against a pipeline budget of 50 µs a message.
/// </remarks>
public sealed class LearnedReading
{
    /// <summary>
    /// Below this chance of being an ordinary message, the reading raises it. Chosen on held-back rounds 9–12 and on
    /// the retrieval questions, which are ordinary ones, before rounds 13–15 were written (docs/safety-evaluation.md):
    /// at 0.35 it raised one ordinary question in ten, because the examples hold far more distress than a help
    /// channel does.
    /// </summary>
    public const float RaiseBelowClearProbability = 0.1f;

    /// <summary>
    /// A message at least this likely to be a parent in crisis is raised whatever its chance of being ordinary: the
    /// crisis reply is a kind "put the baby down safely and talk to someone", not a call to the emergency number, and
    /// crisis was the tier the rules missed most on held-back rounds. Trained without each of rounds 13–16 and scored on
    /// it, this found 66 of their 76 crisis messages instead of 52, and raised no ordinary message more.
    /// </summary>
    public const float RaiseToCrisisProbability = 0.5f;

    /// <summary>Fewer words than this give the reading too little to go on: a few words would decide alone.</summary>
    public const int MinimumWords = 8;

    /// <summary>
    /// Only the start of a longer message is read: the examples are at most a few hundred words, and sorting the
    /// pieces of a 100 KB message would cost tens of milliseconds. The rules still read all of it.
    /// </summary>
    public const int MaximumWords = 1000;

    private const int SnippetLength = 60;
    private static readonly int TierCount = Enum.GetValues<SafetyTier>().Length;

    private readonly SoftmaxRegression _model;
    private readonly Neighbour[] _distressExamples;

    private LearnedReading(SoftmaxRegression model, Neighbour[] distressExamples)
    {
        _model = model;
        _distressExamples = distressExamples;
    }

    public int ExampleCount { get; private init; }

    /// <summary>Trains on the examples; null when they do not hold both ordinary and distress messages to learn from.</summary>
    public static LearnedReading? Train(IReadOnlyList<LabelledExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!examples.Any(e => e.Tier == SafetyTier.None) || !examples.Any(e => e.Tier != SafetyTier.None))
        {
            return null;
        }

        var features = new int[examples.Count][];
        var neighbours = new List<Neighbour>();
        for (var i = 0; i < examples.Count; i++)
        {
            var text = MessageText.Parse(examples[i].Text);
            features[i] = NgramFeatures.Of(text, MaximumWords);
            if (examples[i].Tier != SafetyTier.None)
            {
                neighbours.Add(new Neighbour(examples[i], NgramFeatures.WordsOf(text)));
            }
        }

        var model = SoftmaxRegression.Train(features, [.. examples.Select(e => (int)e.Tier)], TierCount, cancellationToken);
        return new LearnedReading(model, [.. neighbours]) { ExampleCount = examples.Count };
    }

    /// <summary>The tier the examples suggest, or <see cref="SafetyVerdict.Clear"/> when the message reads as an ordinary one.</summary>
    internal SafetyVerdict Read(MessageText text)
    {
        if (text.Count < MinimumWords)
        {
            return SafetyVerdict.Clear;
        }

        Span<float> probabilities = stackalloc float[TierCount];
        var buffer = NgramFeatures.Rent(text, MaximumWords);
        try
        {
            _model.Probabilities(buffer.AsSpan(0, NgramFeatures.Fill(text, buffer, MaximumWords)), probabilities);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }

        var clear = probabilities[(int)SafetyTier.None];
        if (clear >= RaiseBelowClearProbability && probabilities[(int)SafetyTier.Crisis] < RaiseToCrisisProbability)
        {
            return SafetyVerdict.Clear;
        }

        var tier = SafetyTier.Doctor;
        for (var t = SafetyTier.Doctor; t <= SafetyTier.Emergency; t++)
        {
            tier = probabilities[(int)t] > probabilities[(int)tier] ? t : tier;
        }

        var nearest = Nearest(NgramFeatures.WordsOf(text), tier);
        var signal = $"reads like messages labelled {tier.ToString().ToLowerInvariant()} ({1 - clear:0%}); closest example {nearest.Id}: \"{Snippet(nearest.Text)}\"";
        return new SafetyVerdict(tier, nearest.Categories, [signal]);
    }

    // The example of that tier sharing the most words (cosine over word sets): it names the category and shows a moderator why.
    private LabelledExample Nearest(int[] words, SafetyTier tier)
    {
        LabelledExample? best = null;
        var bestScore = -1.0;
        foreach (var neighbour in _distressExamples)
        {
            if (neighbour.Example.Tier != tier)
            {
                continue;
            }

            var score = SharedCount(words, neighbour.Words) / Math.Sqrt(Math.Max(1, words.Length) * (double)Math.Max(1, neighbour.Words.Length));
            if (score > bestScore)
            {
                (best, bestScore) = (neighbour.Example, score);
            }
        }

        // Training pushes a tier without examples down, so this stand-in is for a tie at worst.
        return best ?? _distressExamples[0].Example;
    }

    private static int SharedCount(int[] a, int[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    private static string Snippet(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= SnippetLength ? oneLine : string.Concat(oneLine.AsSpan(0, SnippetLength).TrimEnd(), "…");
    }

    private sealed record Neighbour(LabelledExample Example, int[] Words);
}
