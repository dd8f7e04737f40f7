using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace CollabEdit.Merging;

/// <summary>
/// Rebases an edit onto a newer version of the text it was made on, at the cost of what changed: changes of mine
/// that touch no word theirs touched are moved over theirs as they are; where both touched the same words, the
/// region is merged word by word (the prose three-way merge); what still conflicts keeps theirs and is reported.
/// </summary>
/// <remarks>
/// Live editing rebases every autosave onto the versions saved since its base, so this never reads more of the text
/// than the regions both sides changed: the change lists are swept once, in the base's coordinates. Two changes meet
/// when the words they touch overlap (a change is widened to the whole words at its ends), so two people typing in
/// different sentences of one paragraph, or in adjacent words, both keep their words, while two rewrites of one word
/// are a conflict for a person, never letters interleaved.
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
        foreach (var piece in Pieces(baseText, mine.Changes, theirs.Changes))
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
                    AddShifted(onTheirs, ChangeSet.Between(piece.Theirs!, region, cancellationToken), theirsPosition);
                    AddShifted(onMine, ChangeSet.Between(piece.Mine!, region, cancellationToken), minePosition);
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
            var (from, to) = Words(baseText, first);
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
                while (m < mine.Length && Meets(Words(baseText, mine[m]), from, to))
                {
                    to = Math.Max(to, Words(baseText, mine[m]).To);
                    from = Math.Min(from, Words(baseText, mine[m]).From);
                    m++;
                    grew = true;
                }

                while (t < theirs.Length && Meets(Words(baseText, theirs[t]), from, to))
                {
                    to = Math.Max(to, Words(baseText, theirs[t]).To);
                    from = Math.Min(from, Words(baseText, theirs[t]).From);
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

    /// <summary>Whether <paramref name="a"/> comes first in the base (at one position, an insertion before a replacement).</summary>
    private static bool Before(TextChange a, TextChange b) => a.From < b.From || (a.From == b.From && a.Removed <= b.Removed);

    /// <summary>
    /// Whether a change widened to <paramref name="words"/> meets the group [<paramref name="from"/>, <paramref name="to"/>):
    /// they share a character, or they are insertions at one point (whose order only a person can tell), or an
    /// insertion falls strictly inside the other.
    /// </summary>
    private static bool Meets((int From, int To) words, int from, int to)
    {
        if (words.From < to && from < words.To)
        {
            return true;
        }

        var pointInside = (words.From == words.To && from < words.From && words.From < to)
            || (from == to && words.From < from && from < words.To);
        return pointInside || (words.From == words.To && from == to && words.From == from);
    }

    /// <summary>
    /// The change's range in the base widened to the whole words it cuts: a replacement whose end falls inside a word
    /// takes that word, and an insertion takes the words it touches (typing on at the end of a word is changing it).
    /// </summary>
    private static (int From, int To) Words(string text, TextChange change)
    {
        var (from, to) = (change.From, change.To);
        var insertion = from == to;
        if (from > 0 && IsWordCharacter(text[from - 1]) && (insertion || IsWordCharacter(text[from])))
        {
            while (from > 0 && IsWordCharacter(text[from - 1]))
            {
                from--;
            }
        }

        if (to < text.Length && IsWordCharacter(text[to]) && (insertion || IsWordCharacter(text[to - 1])))
        {
            while (to < text.Length && IsWordCharacter(text[to]))
            {
                to++;
            }
        }

        return (from, to);
    }

    /// <summary>Letters, combining marks, digits and joiners: what a word is made of, in any script.</summary>
    private static bool IsWordCharacter(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

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
                var at = resultPosition + result.Length;
                conflicts.Add(new RebaseConflict(at, at + chunk.Theirs.Length, chunk.Base, chunk.Mine, chunk.Theirs));
            }

            result.Append(chunk.Merged ?? chunk.Theirs);
        }

        return result.ToString();
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
