namespace CollabEdit.Merging;

/// <summary>
/// Three-way merge of one region of prose, word by word: the diff3 rule of git's <c>xdl_do_merge</c> applied to
/// words instead of lines. Changes of the two sides to different words combine; changes that overlap or touch
/// (the same word, neighbouring words, or insertions at the same place) conflict unless they are identical, and
/// then the region is left to the line conflict. The whitespace between words comes from the side that changed it,
/// so a re-wrapped paragraph keeps its new wrapping and takes the other side's word edits.
/// </summary>
/// <remarks>
/// Two guards keep it from combining what a person would call one edit: within one sentence, when one side
/// rewrote more than half of it and the other side changed it too, and in a heading changed by both, the region
/// conflicts; and a paragraph break added or removed by one side where the other side changed words conflicts,
/// since the order of a new paragraph and new words is a guess.
/// </remarks>
internal sealed class WordMerge
{
    /// <summary>Regions larger than this many words a side stay line conflicts: the result would be unreadable to check anyway.</summary>
    public const int MaxWords = 200_000;

    private readonly ProseTokens _base;
    private readonly ProseTokens _mine;
    private readonly ProseTokens _theirs;
    private readonly List<Hunk> _mineHunks;
    private readonly List<Hunk> _theirsHunks;

    private WordMerge(ProseTokens @base, ProseTokens mine, ProseTokens theirs, CancellationToken cancellationToken)
    {
        _base = @base;
        _mine = mine;
        _theirs = theirs;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var baseIds = Ids(@base, ids);
        _mineHunks = LineDiff.Diff(baseIds, Ids(mine, ids), cancellationToken);
        _theirsHunks = LineDiff.Diff(baseIds, Ids(theirs, ids), cancellationToken);
    }

    /// <summary>The region merged word by word, or null when the sides' changes cannot be combined.</summary>
    public static string? TryMerge(string baseText, string mine, string theirs, CancellationToken cancellationToken)
    {
        var @base = ProseTokens.Of(baseText);
        var mineTokens = ProseTokens.Of(mine);
        var theirsTokens = ProseTokens.Of(theirs);
        if (Math.Max(@base.Count, Math.Max(mineTokens.Count, theirsTokens.Count)) > MaxWords)
        {
            return null;
        }

        return new WordMerge(@base, mineTokens, theirsTokens, cancellationToken).Merge();
    }

    private string? Merge()
    {
        var clusters = Clusters();
        if (clusters is null || RewritesSharedSentence() || BreaksParagraphsAroundOtherEdits())
        {
            return null;
        }

        return Render(Items(clusters));
    }

    /// <summary>A run of base words [Start, End) and the change that replaces it, from one side (or both, identically).</summary>
    private sealed record Cluster(int Start, int End, Side From, int SideStart, int SideEnd, int TheirsStart);

    private enum Side
    {
        Mine,
        Theirs,
        Both,
    }

    /// <summary>Groups the two sides' hunks where they overlap or touch; null when such a group is not one identical change.</summary>
    private List<Cluster>? Clusters()
    {
        var clusters = new List<Cluster>();
        int m = 0, t = 0, mineShift = 0, theirsShift = 0;
        while (m < _mineHunks.Count || t < _theirsHunks.Count)
        {
            var takeMine = t == _theirsHunks.Count || (m < _mineHunks.Count && _mineHunks[m].Start1 <= _theirsHunks[t].Start1);
            var first = takeMine ? _mineHunks[m] : _theirsHunks[t];
            int start = first.Start1, end = first.End1;
            int m0 = m, t0 = t;
            var mineShiftBefore = mineShift;
            var theirsShiftBefore = theirsShift;

            // Hunks that overlap or touch the group join it (diff never leaves one side's hunks touching each other).
            while (true)
            {
                if (m < _mineHunks.Count && _mineHunks[m].Start1 <= end)
                {
                    end = Math.Max(end, _mineHunks[m].End1);
                    mineShift += _mineHunks[m].Count2 - _mineHunks[m].Count1;
                    m++;
                }
                else if (t < _theirsHunks.Count && _theirsHunks[t].Start1 <= end)
                {
                    end = Math.Max(end, _theirsHunks[t].End1);
                    theirsShift += _theirsHunks[t].Count2 - _theirsHunks[t].Count1;
                    t++;
                }
                else
                {
                    break;
                }
            }

            var mineStart = start + mineShiftBefore;
            var mineEnd = end + mineShift;
            var theirsStart = start + theirsShiftBefore;
            var theirsEnd = end + theirsShift;
            if (m > m0 && t > t0)
            {
                if (!SameWords(_mine, mineStart, mineEnd, _theirs, theirsStart, theirsEnd))
                {
                    return null;
                }

                clusters.Add(new Cluster(start, end, Side.Both, mineStart, mineEnd, theirsStart));
            }
            else if (m > m0)
            {
                clusters.Add(new Cluster(start, end, Side.Mine, mineStart, mineEnd, 0));
            }
            else
            {
                clusters.Add(new Cluster(start, end, Side.Theirs, theirsStart, theirsEnd, 0));
            }
        }

        return clusters;
    }

    private static bool SameWords(ProseTokens a, int aStart, int aEnd, ProseTokens b, int bStart, int bEnd)
    {
        if (aEnd - aStart != bEnd - bStart)
        {
            return false;
        }

        for (var i = 0; i < aEnd - aStart; i++)
        {
            if (!string.Equals(a.Keys[aStart + i], b.Keys[bStart + i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A sentence (or heading) of base changed by both sides, and mostly rewritten by one of them (any change, for a heading).</summary>
    private bool RewritesSharedSentence()
    {
        var mineTouched = Touched(_mineHunks);
        var theirsTouched = Touched(_theirsHunks);
        var start = 0;
        for (var i = 0; i <= _base.Count; i++)
        {
            var heading = start < _base.Count && _base.Words[start].StartsWith('#');
            if (i < _base.Count && !EndsSentence(i) && !(heading && _base.Separators[i + 1].Contains('\n')))
            {
                continue;
            }

            var end = Math.Min(i + 1, _base.Count);
            int mine = Count(mineTouched, start, end), theirs = Count(theirsTouched, start, end);
            var length = Math.Max(1, end - start);
            if (mine > 0 && theirs > 0 && (heading || mine * 2 > length || theirs * 2 > length))
            {
                return true;
            }

            start = end;
        }

        return false;
    }

    /// <summary>For each base word, whether the side replaced or deleted it, or inserted next to it (an insertion counts for the word after it).</summary>
    private int[] Touched(List<Hunk> hunks)
    {
        var touched = new int[_base.Count + 1];
        foreach (var hunk in hunks)
        {
            for (var i = hunk.Start1; i < hunk.End1; i++)
            {
                touched[i] = 1;
            }

            if (hunk.Count1 == 0)
            {
                touched[Math.Min(hunk.Start1, _base.Count)] += hunk.Count2;
            }
        }

        return touched;
    }

    private static int Count(int[] touched, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            count += touched[i];
        }

        return end == touched.Length - 1 ? count + touched[end] : count;
    }

    private bool EndsSentence(int word)
    {
        var text = _base.Words[word].TrimEnd('"', '\'', ')', ']', '*', '_', '\u201d', '\u2019');
        if (text.Length > 0 && text[^1] is '.' or '!' or '?' or ':' or ';')
        {
            return true;
        }

        // A line break before a heading, a list item or a quote, or a blank line, ends a block.
        var after = _base.Separators[word + 1];
        return after.Count(c => c == '\n') >= 2 || (after.Contains('\n') && word + 1 < _base.Count && StartsBlock(_base.Words[word + 1]));
    }

    private static bool StartsBlock(string word) =>
        word.StartsWith('#') || word is "-" or "*" or "+" or ">" || (word.Length > 1 && word[^1] is '.' or ')' && word[..^1].All(char.IsAsciiDigit));

    /// <summary>
    /// One side added or removed a paragraph break (a blank line) where the other side changed words: which goes first
    /// is a guess, so that stays a conflict.
    /// </summary>
    private bool BreaksParagraphsAroundOtherEdits()
    {
        var mineMap = Map(_mineHunks, _base.Count);
        var theirsMap = Map(_theirsHunks, _base.Count);
        var mineTouches = GapsTouched(_mineHunks, _base.Count);
        var theirsTouches = GapsTouched(_theirsHunks, _base.Count);
        for (var gap = 0; gap <= _base.Count; gap++)
        {
            // Gap g lies before base word g (gap _base.Count is the end).
            var baseBreaks = Breaks(_base.Separators[gap], gap);
            if (!mineTouches[gap] && theirsTouches[gap] && Breaks(_mine.Separators[mineMap[gap]], gap) != baseBreaks)
            {
                return true;
            }

            if (!theirsTouches[gap] && mineTouches[gap] && Breaks(_theirs.Separators[theirsMap[gap]], gap) != baseBreaks)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For each gap 0..n (before base word g), whether a hunk of the side touches it: inserts there, or replaces a word next to it.</summary>
    private static bool[] GapsTouched(List<Hunk> hunks, int count)
    {
        var touched = new bool[count + 1];
        foreach (var hunk in hunks)
        {
            Array.Fill(touched, true, hunk.Start1, hunk.End1 - hunk.Start1 + 1);
        }

        return touched;
    }

    /// <summary>
    /// Whether whitespace holds a blank line. Regions are whole lines: at the start of one, a single newline is
    /// already a blank line (the line before ended with its own).
    /// </summary>
    private static bool Breaks(string separator, int gap) => separator.Count(c => c == '\n') >= (gap == 0 ? 1 : 2);

    /// <summary>For each base position 0..n (words and the end), where it is in the side; meaningful for positions the side kept.</summary>
    private static int[] Map(List<Hunk> hunks, int count)
    {
        var map = new int[count + 1];
        var shift = 0;
        var next = 0;
        for (var i = 0; i <= count; i++)
        {
            // Hunks that end at or before i (an insertion at i too) come before word i.
            while (next < hunks.Count && hunks[next].End1 <= i)
            {
                shift += hunks[next].Count2 - hunks[next].Count1;
                next++;
            }

            map[i] = i + shift;
        }

        return map;
    }

    /// <summary>A word of the result, with where it is in each version (null where it is not).</summary>
    private readonly record struct Item(int? Base, int? Mine, int? Theirs);

    private List<Item> Items(List<Cluster> clusters)
    {
        var mineMap = Map(_mineHunks, _base.Count);
        var theirsMap = Map(_theirsHunks, _base.Count);
        var items = new List<Item> { new(-1, -1, -1) };
        var next = 0;
        foreach (var cluster in clusters)
        {
            for (; next < cluster.Start; next++)
            {
                items.Add(new Item(next, mineMap[next], theirsMap[next]));
            }

            for (var i = cluster.SideStart; i < cluster.SideEnd; i++)
            {
                items.Add(cluster.From switch
                {
                    Side.Mine => new Item(null, i, null),
                    Side.Theirs => new Item(null, null, i),
                    _ => new Item(null, i, cluster.TheirsStart + (i - cluster.SideStart)),
                });
            }

            next = cluster.End;
        }

        for (; next < _base.Count; next++)
        {
            items.Add(new Item(next, mineMap[next], theirsMap[next]));
        }

        items.Add(new Item(_base.Count, _mine.Count, _theirs.Count));
        return items;
    }

    private string Render(List<Item> items)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 1; i < items.Count; i++)
        {
            var (previous, item) = (items[i - 1], items[i]);
            text.Append(Separator(previous, item));
            if (i < items.Count - 1)
            {
                text.Append(item.Mine is int m ? _mine.Words[m] : item.Theirs is int t ? _theirs.Words[t] : _base.Words[item.Base!.Value]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The whitespace between two words of the result: where both are next to each other in base, the side that
    /// changed that whitespace wins (mine first); elsewhere, the side in which they are next to each other.
    /// </summary>
    private string Separator(Item previous, Item item)
    {
        var mine = Adjacent(previous.Mine, item.Mine) ? _mine.Separators[item.Mine!.Value] : null;
        var theirs = Adjacent(previous.Theirs, item.Theirs) ? _theirs.Separators[item.Theirs!.Value] : null;
        if (Adjacent(previous.Base, item.Base))
        {
            var @base = _base.Separators[item.Base!.Value];
            return mine is not null && mine != @base ? mine : theirs is not null && theirs != @base ? theirs : @base;
        }

        return mine ?? theirs ?? " ";
    }

    private static bool Adjacent(int? first, int? second) => first is int a && second is int b && b == a + 1;

    private static int[] Ids(ProseTokens tokens, Dictionary<string, int> ids)
    {
        var result = new int[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!ids.TryGetValue(tokens.Keys[i], out var id))
            {
                id = ids.Count;
                ids[tokens.Keys[i]] = id;
            }

            result[i] = id;
        }

        return result;
    }
}
