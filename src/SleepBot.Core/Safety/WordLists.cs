using System.Text;
using System.Text.RegularExpressions;

namespace SleepBot.Safety;

/// <summary>
/// Named word lists (<c>words:</c> in a rule file) that phrases use as <c>@name</c>: one list of the ways parents say
/// "threw up" serves every vomiting phrase, so a new word added once reaches all of them.
/// </summary>
internal static partial class WordLists
{
    /// <summary>The names a phrase uses, e.g. "vomit" for "{@vomit} ... green".</summary>
    public static IEnumerable<string> NamesIn(string phrase) => Reference().Matches(phrase).Select(m => m.Groups[1].Value);

    /// <summary>
    /// The phrase with each <c>@name</c> written out: "@vomit green" becomes "{threw up|vomit*} green" and
    /// "{@vomit|sick up}" becomes "{threw up|vomit*|sick up}". Null when a name has no list.
    /// </summary>
    public static string? Expand(string phrase, Func<string, IReadOnlyList<string>?> listNamed)
    {
        if (!phrase.Contains('@'))
        {
            return phrase;
        }

        var result = new StringBuilder(phrase.Length * 4);
        var inBraces = false;
        var last = 0;
        foreach (Match match in Reference().Matches(phrase))
        {
            for (var i = last; i < match.Index; i++)
            {
                inBraces = phrase[i] switch { '{' => true, '}' => false, _ => inBraces };
            }

            if (listNamed(match.Groups[1].Value) is not { Count: > 0 } list)
            {
                return null;
            }

            result.Append(phrase, last, match.Index - last);
            var words = string.Join('|', list);
            result.Append(inBraces ? words : "{" + words + "}");
            last = match.Index + match.Length;
        }

        return result.Append(phrase, last, phrase.Length - last).ToString();
    }

    /// <summary>For checking a phrase's syntax before the lists of other files are known.</summary>
    public static IReadOnlyList<string> Placeholder(string name) => ["word"];

    /// <summary>A list entry is words as parents type them, with an optional * ending; no braces, bars, gaps or other lists.</summary>
    public static bool IsValidEntry(string entry) =>
        entry.Trim().Length > 0 && entry.IndexOfAny(['{', '}', '|', '@']) < 0
        && !entry.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w is "*" or "...");

    [GeneratedRegex(@"@([a-z][a-z0-9_]*)")]
    private static partial Regex Reference();
}
