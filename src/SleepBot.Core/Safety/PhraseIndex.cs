namespace SleepBot.Safety;

/// <summary>Who a phrase belongs to: a sign, the blockers of a sign, or a cue list.</summary>
internal enum OwnerKind
{
    Sign,
    SignBlocker,
    Cue,
}

internal readonly record struct PhraseOwner(OwnerKind Kind, int Index);

/// <summary>A phrase found in a message, covering tokens [Start, End).</summary>
internal readonly record struct PhraseMatch(PhraseOwner Owner, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// All phrases of all rule files in one word trie, so a message is scanned once, token by token, in time linear
/// in its length: the thousands of phrases that "{a|b} {c|d}" expands to share their nodes, and gaps are bounded.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly Node _root = new();

    public PhraseIndex(IEnumerable<(PatternToken[] Tokens, PhraseOwner Owner)> phrases)
    {
        foreach (var (tokens, owner) in phrases)
        {
            var node = _root;
            foreach (var token in tokens)
            {
                node = node.Child(token);
            }

            node.AddOwner(owner);
        }

        _root.Freeze();
    }

    public List<PhraseMatch> FindAll(MessageText text)
    {
        var matches = new List<PhraseMatch>();
        for (var start = 0; start < text.Count; start++)
        {
            Walk(text, _root, start, start, text.Tokens[start].Sentence, matches);
        }

        return matches;
    }

    // Phrases never run across sentences.
    private static void Walk(MessageText text, Node node, int start, int token, int sentence, List<PhraseMatch> matches)
    {
        if (token > start)
        {
            foreach (var owner in node.Owners)
            {
                matches.Add(new PhraseMatch(owner, start, token));
            }
        }

        if (node.Gap is { } gap)
        {
            for (var skip = 0; skip <= PhrasePattern.MaxGap && token + skip < text.Count && text.Tokens[token + skip].Sentence == sentence; skip++)
            {
                Walk(text, gap, start, token + skip, sentence, matches);
            }
        }

        if (token >= text.Count || text.Tokens[token].Sentence != sentence)
        {
            return;
        }

        var word = text.Text(token);
        if (node.Words.TryGetValue(word, out var next))
        {
            Walk(text, next, start, token + 1, sentence, matches);
        }

        // Most words start no prefix phrase at all: the first two letters rule them out before any dictionary lookups.
        if (node.LongestPrefix == 0 || !node.MayStartPrefix(word))
        {
            return;
        }

        for (var length = Math.Min(word.Length, node.LongestPrefix); length > 0; length--)
        {
            if (node.Prefixes.TryGetValue(word[..length], out next))
            {
                Walk(text, next, start, token + 1, sentence, matches);
            }
        }
    }

    private sealed class Node
    {
        private static readonly Dictionary<string, Node> NoChildren = [];

        private Dictionary<string, Node>? _words;
        private Dictionary<string, Node>? _prefixes;
        private List<PhraseOwner>? _owners;
        private HashSet<int> _prefixStarts = [];

        public Node? Gap { get; private set; }
        public int LongestPrefix { get; private set; }
        public bool MayStartPrefix(ReadOnlySpan<char> word) =>
            _prefixStarts.Contains(word[0]) || (word.Length > 1 && _prefixStarts.Contains(StartKey(word)));

        public IReadOnlyList<PhraseOwner> Owners => (IReadOnlyList<PhraseOwner>?)_owners ?? [];
        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> Words { get; private set; }
        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> Prefixes { get; private set; }

        public Node Child(PatternToken token)
        {
            if (token.Part == PatternPart.Gap)
            {
                return Gap ??= new Node();
            }

            var map = token.Part == PatternPart.Prefix ? _prefixes ??= [] : _words ??= [];
            if (!map.TryGetValue(token.Text, out var child))
            {
                map[token.Text] = child = new Node();
            }

            return child;
        }

        // The first two letters; a one-letter prefix such as "a*" keys on its letter alone.
        private static int StartKey(ReadOnlySpan<char> text) => text.Length < 2 ? text[0] : text[0] << 16 | text[1];

        public void AddOwner(PhraseOwner owner)
        {
            _owners ??= [];
            if (!_owners.Contains(owner))
            {
                _owners.Add(owner);
            }
        }

        public void Freeze()
        {
            Words = (_words ?? NoChildren).GetAlternateLookup<ReadOnlySpan<char>>();
            Prefixes = (_prefixes ?? NoChildren).GetAlternateLookup<ReadOnlySpan<char>>();
            LongestPrefix = _prefixes?.Keys.Max(k => k.Length) ?? 0;
            _prefixStarts = [.. (_prefixes ?? NoChildren).Keys.Select(k => StartKey(k))];
            foreach (var child in (_words ?? NoChildren).Values.Concat((_prefixes ?? NoChildren).Values))
            {
                child.Freeze();
            }

            Gap?.Freeze();
        }
    }
}
