namespace CollabEdit.Merging;

/// <summary>
/// A region of prose cut into words and the whitespace around them: <c>Separators[0] Words[0] Separators[1] …
/// Words[n-1] Separators[n]</c> rebuilds the text exactly. A word is a run of non-whitespace characters, except
/// that an inline code span (<c>`a b`</c>) or a link (<c>[text](url)</c>, <c>[text][label]</c>, images too) is one
/// word however many spaces or line breaks it holds: two edits inside one link or code span are edits of the same
/// word. Words compare by <see cref="Keys"/>, the word with its inner whitespace collapsed, so that re-wrapping
/// inside a link is not an edit.
/// </summary>
internal sealed class ProseTokens
{
    /// <summary>
    /// The longest span looked for: a link or code span is a phrase, and an unbounded search for a closing bracket
    /// after each opening one would make a paragraph of a million '[' cost a million squared.
    /// </summary>
    private const int MaxSpan = 2_000;

    private ProseTokens(List<string> words, List<string> separators)
    {
        Words = words;
        Separators = separators;
        Keys = [.. words.Select(Key)];
    }

    public IReadOnlyList<string> Words { get; }

    /// <summary>Whitespace before each word, and after the last (one more than there are words).</summary>
    public IReadOnlyList<string> Separators { get; }

    public IReadOnlyList<string> Keys { get; }

    public int Count => Words.Count;

    public static ProseTokens Of(string text)
    {
        var words = new List<string>();
        var separators = new List<string>();
        var position = 0;
        while (true)
        {
            var start = position;
            while (position < text.Length && IsSpace(text[position]))
            {
                position++;
            }

            separators.Add(text[start..position]);
            if (position == text.Length)
            {
                break;
            }

            start = position;
            while (position < text.Length && !IsSpace(text[position]))
            {
                position = SpanEnd(text, position) ?? position + 1;
            }

            words.Add(text[start..position]);
        }

        return new ProseTokens(words, separators);
    }

    /// <summary>Where an atomic span starting at <paramref name="at"/> ends (code span or link), or null if none starts there.</summary>
    private static int? SpanEnd(string text, int at)
    {
        var c = text[at];
        if (c == '`')
        {
            var ticks = RunLength(text, at, '`');
            var searched = Math.Min(MaxSpan, text.Length - (at + ticks));
            var close = text.IndexOf(new string('`', ticks), at + ticks, searched, StringComparison.Ordinal);
            return close > at && WithinParagraph(text, at, close) ? close + ticks : at + ticks;
        }

        if (c == '!' && at + 1 < text.Length && text[at + 1] == '[')
        {
            return SpanEnd(text, at + 1);
        }

        if (c != '[')
        {
            return null;
        }

        var label = Closing(text, at, '[', ']');
        if (label is null)
        {
            return null;
        }

        var after = label.Value + 1;
        if (after < text.Length && text[after] is '(' or '[')
        {
            var target = Closing(text, after, text[after], text[after] == '(' ? ')' : ']');
            if (target is not null)
            {
                return target.Value + 1;
            }
        }

        return after;
    }

    /// <summary>The matching close bracket, nesting counted, within the paragraph (a blank line ends the search).</summary>
    private static int? Closing(string text, int open, char opening, char closing)
    {
        var depth = 0;
        for (var i = open; i < Math.Min(text.Length, open + MaxSpan); i++)
        {
            if (text[i] == opening)
            {
                depth++;
            }
            else if (text[i] == closing && --depth == 0)
            {
                return i;
            }
            else if (text[i] == '\n' && IsBlankLineAfter(text, i))
            {
                return null;
            }
        }

        return null;
    }

    private static bool WithinParagraph(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n' && IsBlankLineAfter(text, i))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlankLineAfter(string text, int newline)
    {
        for (var i = newline + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (!IsSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int RunLength(string text, int at, char c)
    {
        var end = at;
        while (end < text.Length && text[end] == c)
        {
            end++;
        }

        return end - at;
    }

    /// <summary>
    /// Markdown's whitespace, ASCII only: the CLI reads bytes as Latin-1, where 0x85 and 0xA0 (parts of UTF-8
    /// characters) would otherwise count as spaces.
    /// </summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    private static string Key(string word)
    {
        if (!word.Any(IsSpace))
        {
            return word;
        }

        return string.Join(' ', word.Split([' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries));
    }
}
