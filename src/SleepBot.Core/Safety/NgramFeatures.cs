using System.Buffers;

namespace SleepBot.Safety;

/// <summary>
/// The features the learned reading weighs: each word, each pair of neighbouring words, and the 3- to 5-letter
/// pieces of each word, hashed into a fixed number of buckets. Letter pieces are what let it read "puking" like
/// "puked" and "feverish" like "fever", and survive typos, which whole words do not.
/// </summary>
internal static class NgramFeatures
{
    public const int BucketBits = 18;
    public const int Buckets = 1 << BucketBits;

    private const uint WordSeed = 2166136261;
    private const uint PairSeed = 3323198485;
    private const uint PieceSeed = 1500450271;
    private const uint NegatedSeed = 2654435761;
    private const int NegationReach = 5;

    // A word after one of these, in the same clause, counts as a different word: "not bulging" must not weigh like "bulging".
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Negations = new HashSet<string>(StringComparer.Ordinal)
    {
        "no", "not", "never", "without", "nor", "neither", "none", "nothing", "isnt", "arent", "wasnt", "werent", "doesnt",
        "dont", "didnt", "hasnt", "havent", "hadnt", "cant", "cannot", "couldnt", "wont", "wouldnt", "aint",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The distinct buckets of the message's first <paramref name="words"/> words, sorted, in an array of their own.</summary>
    public static int[] Of(MessageText text, int words)
    {
        var buffer = new int[MaxCount(text, words)];
        return buffer[..Fill(text, buffer, words)];
    }

    /// <summary>The distinct buckets of the message's single words, sorted: enough to say which example it is closest to.</summary>
    public static int[] WordsOf(MessageText text)
    {
        var words = new int[text.Count];
        for (var i = 0; i < text.Count; i++)
        {
            words[i] = Bucket(Hash(WordSeed, text.Text(i)));
        }

        return words[..SortDistinct(words)];
    }

    /// <summary>A buffer from the shared pool large enough for <see cref="Fill"/>; return it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static int[] Rent(MessageText text, int words) => ArrayPool<int>.Shared.Rent(MaxCount(text, words));

    /// <summary>How many buckets <see cref="Fill"/> may write for the message's first <paramref name="words"/> words.</summary>
    public static int MaxCount(MessageText text, int words)
    {
        var bound = 1;
        for (var i = 0; i < Math.Min(text.Count, words); i++)
        {
            bound += 2 + 3 * (text.Tokens[i].Length + 2);
        }

        return bound;
    }

    /// <summary>Writes the distinct buckets of the message's first <paramref name="words"/> words, sorted, at the start of <paramref name="buffer"/> and returns how many.</summary>
    public static int Fill(MessageText text, int[] buffer, int words)
    {
        var count = 0;
        var last = Math.Min(text.Count, words);
        var negatedUntil = -1;
        for (var i = 0; i < last; i++)
        {
            var word = text.Text(i);
            var token = text.Tokens[i];
            if (i <= negatedUntil && (token.CommaBefore || token.Sentence != text.Tokens[i - 1].Sentence || word.SequenceEqual("but")))
            {
                negatedUntil = -1;
            }

            var seed = i <= negatedUntil ? NegatedSeed : 0u;
            buffer[count++] = Bucket(Hash(WordSeed ^ seed, word));
            if (i + 1 < last)
            {
                buffer[count++] = Bucket(Hash(Step(Hash(PairSeed ^ seed, word), ' '), text.Text(i + 1)));
            }

            count = AddPieces(word, seed, buffer, count);
            if (Negations.Contains(word))
            {
                negatedUntil = i + NegationReach;
            }
        }

        return SortDistinct(buffer.AsSpan(0, count));
    }

    // Pieces of "<word>", so that the start and end of a word ("<pu", "ing>") are features of their own.
    private static int AddPieces(ReadOnlySpan<char> word, uint seed, int[] buffer, int count)
    {
        var length = word.Length + 2;
        for (var n = 3; n <= 5; n++)
        {
            for (var start = 0; start + n <= length; start++)
            {
                var hash = PieceSeed ^ seed ^ (uint)n;
                for (var k = start; k < start + n; k++)
                {
                    hash = Step(hash, k == 0 ? '<' : k == length - 1 ? '>' : word[k - 1]);
                }

                buffer[count++] = Bucket(hash);
            }
        }

        return count;
    }

    private static int SortDistinct(Span<int> features)
    {
        features.Sort();
        var distinct = 0;
        for (var i = 0; i < features.Length; i++)
        {
            if (i == 0 || features[i] != features[distinct - 1])
            {
                features[distinct++] = features[i];
            }
        }

        return distinct;
    }

    // FNV-1a: the same on every machine and run, unlike string.GetHashCode.
    private static uint Hash(uint hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    private static uint Step(uint hash, char c) => (hash ^ c) * 16777619;

    private static int Bucket(uint hash) => (int)(hash & (Buckets - 1));
}
