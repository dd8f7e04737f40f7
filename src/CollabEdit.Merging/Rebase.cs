using System.Collections.Immutable;
using System.Text;

namespace CollabEdit.Merging;

/// <summary>
/// Rebases an edit onto a newer version of the text it was made on, at the cost of what changed: changes of mine
/// in lines theirs did not touch are moved over theirs as they are; the lines (paragraphs) both sides changed are
/// merged by the prose three-way merge (word by word, as the merge dialog merges); what still conflicts keeps theirs
/// and is handed back, narrowed to the words that differ.
/// </summary>
/// <remarks>
/// Live editing rebases every autosave onto the versions saved since its base, so this never reads more of the text
/// than the lines both sides changed: the change lists are swept once, in the base's coordinates. Meeting at the line
/// level (not at the characters each diff picked) is what keeps one edit made by both sides from being doubled: two
/// diffs can cut the same edit differently, and the three-way merge of the region sees it is the same. Two people
/// typing in different paragraphs never meet; in different sentences of one paragraph the prose merge combines them;
/// two rewrites of one word are a conflict for a person, never letters interleaved.
/// </remarks>
public static class Rebase
{
    /// <summary>Rebases <paramref name="mine"/> onto <paramref name="theirs"/>, two change sets to <paramref name="baseText"/>.</summary>
    /// <param name="baseText">The text both change sets apply to.</param>
    /// <param name="mine">The edit to rebase.</param>
    /// <param name="theirs">What turned the base into the newer version.</param>
    /// <param name="cancellationToken">Stops the work (the merges of overlapping regions check it).</param>
    /// <returns>The changes from the newer version and from the edited text to the rebased text, and the conflicts.</returns>
    /// <exception cref="ArgumentException">A change set is not for a text of <paramref name="baseText"/>'s length.</exception>
    public static RebaseResult Of(string baseText, ChangeSet mine, ChangeSet theirs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseText);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        if (mine.Length != baseText.Length || theirs.Length != baseText.Length)
        {
            throw new ArgumentException(
                $"Both change sets must apply to the base text ({baseText.Length} characters); mine is for {mine.Length}, theirs for {theirs.Length}.");
        }

        var onTheirs = new List<TextChange>();
        var onMine = new List<TextChange>();
        var conflicts = ImmutableArray.CreateBuilder<RebaseConflict>();
        int theirsPosition = 0, minePosition = 0, resultPosition = 0, basePosition = 0;
        foreach (var piece in Pieces(baseText, LinesSlid(baseText, mine.Changes), LinesSlid(baseText, theirs.Changes)))
        {
            // The base text between pieces is the same in all three texts.
            var gap = piece.From - basePosition;
            theirsPosition += gap;
            minePosition += gap;
            resultPosition += gap;
            basePosition = piece.To;
            var removed = piece.To - piece.From;
            switch (piece)
            {
                case { Mine: { } ours, Theirs: null }:
                    // Only mine changed this: theirs holds the base there, the edited text holds mine already.
                    onTheirs.Add(new TextChange(theirsPosition, theirsPosition + removed, ours));
                    theirsPosition += removed;
                    minePosition += ours.Length;
                    resultPosition += ours.Length;
                    break;
                case { Mine: null, Theirs: { } others }:
                    onMine.Add(new TextChange(minePosition, minePosition + removed, others));
                    minePosition += removed;
                    theirsPosition += others.Length;
                    resultPosition += others.Length;
                    break;
                default:
                    var region = MergeRegion(baseText.Substring(piece.From, removed), piece.Mine!, piece.Theirs!, resultPosition, conflicts, cancellationToken);
                    // Word by word: the words each side did not change stay untouched, and so do the carets on them.
                    AddShifted(onTheirs, WordChanges.Between(piece.Theirs!, region, cancellationToken), theirsPosition);
                    AddShifted(onMine, WordChanges.Between(piece.Mine!, region, cancellationToken), minePosition);
                    theirsPosition += piece.Theirs!.Length;
                    minePosition += piece.Mine!.Length;
                    resultPosition += region.Length;
                    break;
            }
        }

        return new RebaseResult(
            ChangeSet.Of(theirs.NewLength, onTheirs), ChangeSet.Of(mine.NewLength, onMine), conflicts.ToImmutable());
    }

    /// <summary>
    /// The base cut into pieces that one side or both changed, in order: a change of one side alone as it is, and
    /// changes of both sides that touch the same words as one region holding both sides' text for it.
    /// </summary>
    private static IEnumerable<Piece> Pieces(string baseText, ImmutableArray<TextChange> mine, ImmutableArray<TextChange> theirs)
    {
        int m = 0, t = 0;
        while (m < mine.Length || t < theirs.Length)
        {
            // Start a group with the change that comes first, widened to whole words, and take in every change of
            // either side that meets the group, until none does.
            var takeMine = t >= theirs.Length || (m < mine.Length && Before(mine[m], theirs[t]));
            var first = takeMine ? mine[m] : theirs[t];
            var (from, to) = Lines(baseText, first);
            int mineStart = m, theirsStart = t;
            if (takeMine)
            {
                m++;
            }
            else
            {
                t++;
            }

            var grew = true;
            while (grew)
            {
                grew = false;
                while (m < mine.Length && Meets(Lines(baseText, mine[m]), from, to))
                {
                    to = Math.Max(to, Lines(baseText, mine[m]).To);
                    from = Math.Min(from, Lines(baseText, mine[m]).From);
                    m++;
                    grew = true;
                }

                while (t < theirs.Length && Meets(Lines(baseText, theirs[t]), from, to))
                {
                    to = Math.Max(to, Lines(baseText, theirs[t]).To);
                    from = Math.Min(from, Lines(baseText, theirs[t]).From);
                    t++;
                    grew = true;
                }
            }

            var mineCount = m - mineStart;
            var theirsCount = t - theirsStart;
            if (mineCount > 0 && theirsCount > 0)
            {
                yield return new Piece(from, to, Region(baseText, from, to, mine, mineStart, mineCount), Region(baseText, from, to, theirs, theirsStart, theirsCount));
                continue;
            }

            // One side only: its changes pass through one by one, exactly as they were (never widened).
            var (changes, start, count) = mineCount > 0 ? (mine, mineStart, mineCount) : (theirs, theirsStart, theirsCount);
            for (var i = start; i < start + count; i++)
            {
                var change = changes[i];
                yield return mineCount > 0 ? new Piece(change.From, change.To, change.Insert, null) : new Piece(change.From, change.To, null, change.Insert);
            }
        }
    }

    /// <summary>
    /// The changes with each insertion or deletion of whole lines slid to start at a line start, as git's diff does
    /// (xdiff's <c>xdl_change_compact</c> slides groups of lines): a line added after a line that ends the same way may
    /// be found a few characters earlier, and two sides that added the same line would otherwise meet nowhere.
    /// </summary>
    private static ImmutableArray<TextChange> LinesSlid(string text, ImmutableArray<TextChange> changes)
    {
        ImmutableArray<TextChange>.Builder? slid = null;
        for (var i = 0; i < changes.Length; i++)
        {
            var change = changes[i];
            var lower = i == 0 ? 0 : changes[i - 1].To;
            var upper = i == changes.Length - 1 ? text.Length : changes[i + 1].From;
            var moved = change.Removed == 0 ? SlidInsertion(text, change, lower, upper) : change.Insert.Length == 0 ? SlidDeletion(text, change, lower, upper) : change;
            if (moved != change && slid is null)
            {
                slid = changes.ToBuilder();
            }

            if (slid is not null)
            {
                slid[i] = moved;
            }
        }

        return slid?.ToImmutable() ?? changes;
    }

    private const int MaxSlide = 4096;

    private static bool AtLineStart(string text, int position) => position == 0 || text[position - 1] == '\n';

    /// <summary>An insertion moved right or left (the text stays the same) to start at a line start and end with a line end, when it can.</summary>
    private static TextChange SlidInsertion(string text, TextChange change, int lower, int upper)
    {
        var insert = change.Insert;
        if (!insert.Contains('\n', StringComparison.Ordinal) || (AtLineStart(text, change.From) && insert[^1] == '\n'))
        {
            return change;
        }

        // Right: the inserted text's first k characters equal the base's next k, so X at p is X[k..] + X[..k] at p + k.
        for (var k = 1; k <= MaxSlide && change.From + k <= upper && k <= insert.Length && text[change.From + k - 1] == insert[k - 1]; k++)
        {
            var at = change.From + k;
            var moved = string.Concat(insert.AsSpan(k), insert.AsSpan(0, k));
            if (AtLineStart(text, at) && moved[^1] == '\n')
            {
                return new TextChange(at, at, moved);
            }
        }

        // Left: the inserted text's last k characters equal the base's previous k.
        for (var k = 1; k <= MaxSlide && change.From - k >= lower && k <= insert.Length && text[change.From - k] == insert[^k]; k++)
        {
            var at = change.From - k;
            var moved = string.Concat(insert.AsSpan(insert.Length - k), insert.AsSpan(0, insert.Length - k));
            if (AtLineStart(text, at) && moved[^1] == '\n')
            {
                return new TextChange(at, at, moved);
            }
        }

        return change;
    }

    /// <summary>A deletion moved right or left (the same characters go) to remove whole lines, when it can.</summary>
    private static TextChange SlidDeletion(string text, TextChange change, int lower, int upper)
    {
        if (text.AsSpan(change.From, change.Removed).IndexOf('\n') < 0 || (AtLineStart(text, change.From) && text[change.To - 1] == '\n'))
        {
            return change;
        }

        for (var k = 1; k <= MaxSlide && change.To + k <= upper && text[change.To + k - 1] == text[change.From + k - 1]; k++)
        {
            if (AtLineStart(text, change.From + k) && text[change.To + k - 1] == '\n')
            {
                return new TextChange(change.From + k, change.To + k, "");
            }
        }

        for (var k = 1; k <= MaxSlide && change.From - k >= lower && text[change.From - k] == text[change.To - k]; k++)
        {
            if (AtLineStart(text, change.From - k) && text[change.To - k - 1] == '\n')
            {
                return new TextChange(change.From - k, change.To - k, "");
            }
        }

        return change;
    }

    /// <summary>Whether <paramref name="a"/> comes first in the base (at one position, an insertion before a replacement).</summary>
    private static bool Before(TextChange a, TextChange b) => a.From < b.From || (a.From == b.From && a.Removed <= b.Removed);

    /// <summary>
    /// Whether a change widened to <paramref name="lines"/> meets the group [<paramref name="from"/>, <paramref name="to"/>):
    /// they share a character, or one is an insertion between lines at the edge of (or inside) the other: the order of
    /// lines inserted there can only be told by a person, and two diffs may place one inserted line on either side.
    /// Changes of neighbouring lines that merely touch do not meet: two people editing consecutive lines (list items,
    /// table rows) both keep their line.
    /// </summary>
    private static bool Meets((int From, int To) lines, int from, int to) =>
        (lines.From < to && from < lines.To)
        || (lines.From == lines.To && from <= lines.From && lines.From <= to)
        || (from == to && lines.From <= from && from <= lines.To);

    /// <summary>
    /// The change's range in the base widened to the whole lines it touches (a paragraph, in prose): changes of the two
    /// sides in one line are merged together by the three-way merge, whatever characters each side's diff happened to
    /// pick (two sides that made one edit may have it cut differently), so no text is ever doubled.
    /// </summary>
    private static (int From, int To) Lines(string text, TextChange change)
    {
        // An insertion at a line start stays a point there: it meets changes of the lines on both sides of it.
        var from = change.From == 0 || text[change.From - 1] == '\n' ? change.From : text.LastIndexOf('\n', change.From - 1) + 1;
        if (change.To == text.Length || (change.To > 0 && text[change.To - 1] == '\n'))
        {
            return (from, change.To);
        }

        var end = text.IndexOf('\n', change.To);
        return (from, end < 0 ? text.Length : end + 1);
    }

    /// <summary>One side's text for the base range [<paramref name="from"/>, <paramref name="to"/>): its changes there applied to the base's.</summary>
    private static string Region(string baseText, int from, int to, ImmutableArray<TextChange> changes, int start, int count)
    {
        var text = new StringBuilder(to - from + 16);
        var position = from;
        for (var i = start; i < start + count; i++)
        {
            text.Append(baseText, position, changes[i].From - position).Append(changes[i].Insert);
            position = changes[i].To;
        }

        return text.Append(baseText, position, to - position).ToString();
    }

    /// <summary>
    /// A region both sides changed, merged with the prose three-way merge (word by word); where it still conflicts the
    /// region keeps theirs (already saved by someone) and the conflict is recorded at its place in the result.
    /// </summary>
    private static string MergeRegion(
        string baseRegion, string mineRegion, string theirsRegion, int resultPosition, ImmutableArray<RebaseConflict>.Builder conflicts, CancellationToken cancellationToken)
    {
        if (mineRegion == theirsRegion)
        {
            return theirsRegion;
        }

        var merge = ThreeWayMerge.Merge(baseRegion, mineRegion, theirsRegion, MergeOptions.ForProse, cancellationToken);
        if (merge.MergedText is { } merged)
        {
            return merged;
        }

        var result = new StringBuilder(theirsRegion.Length);
        foreach (var chunk in merge.Chunks)
        {
            if (chunk.Kind == MergeChunkKind.Conflict)
            {
                // The merge's conflict is a whole paragraph (line); a person is shown the words that differ, cut at
                // whitespace so that no word (nor a surrogate pair) is split.
                var (prefix, suffix) = SharedEnds(chunk.Base, chunk.Mine, chunk.Theirs);
                var at = resultPosition + result.Length + prefix;
                conflicts.Add(new RebaseConflict(
                    at, at + chunk.Theirs.Length - prefix - suffix,
                    chunk.Base[prefix..^suffix], chunk.Mine[prefix..^suffix], chunk.Theirs[prefix..^suffix]));
            }

            result.Append(chunk.Merged ?? chunk.Theirs);
        }

        return result.ToString();
    }

    /// <summary>How many characters at the start and at the end all three texts share, each ending at whitespace (or the text's end).</summary>
    private static (int Prefix, int Suffix) SharedEnds(string a, string b, string c)
    {
        var shortest = Math.Min(a.Length, Math.Min(b.Length, c.Length));
        var prefix = 0;
        for (var i = 0; i < shortest && a[i] == b[i] && a[i] == c[i]; i++)
        {
            if (char.IsWhiteSpace(a[i]))
            {
                prefix = i + 1;
            }
        }

        var suffix = 0;
        for (var i = 1; i <= shortest - prefix && a[^i] == b[^i] && a[^i] == c[^i]; i++)
        {
            if (char.IsWhiteSpace(a[^i]))
            {
                suffix = i;
            }
        }

        return (prefix, suffix);
    }

    private static void AddShifted(List<TextChange> into, ChangeSet changes, int offset)
    {
        foreach (var change in changes.Changes)
        {
            into.Add(new TextChange(change.From + offset, change.To + offset, change.Insert));
        }
    }

    /// <summary>A piece of the base that one side (the other's text is null) or both changed; the texts are what each side has there.</summary>
    private sealed record Piece(int From, int To, string? Mine, string? Theirs);
}
