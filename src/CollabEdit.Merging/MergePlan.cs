using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>
/// A three-way merge as git computes it (xdiff's merge): the two diffs from base, their changes walked side
/// by side, overlapping or touching changes turned into conflicts unless identical, conflicts then refined
/// and joined according to the level. Rendering follows git merge-file byte for byte.
/// </summary>
internal sealed class MergePlan
{
    private MergePlan(TextLines @base, TextLines mine, TextLines theirs, List<Hunk> mineHunks, List<Hunk> theirsHunks, List<Entry> entries)
    {
        Base = @base;
        Mine = mine;
        Theirs = theirs;
        MineHunks = mineHunks;
        TheirsHunks = theirsHunks;
        Entries = entries;
    }

    public TextLines Base { get; }
    public TextLines Mine { get; }
    public TextLines Theirs { get; }
    public List<Hunk> MineHunks { get; }
    public List<Hunk> TheirsHunks { get; }
    public List<Entry> Entries { get; }

    public int ConflictCount => Entries.Count(e => e.Kind == EntryKind.Conflict);

    /// <summary>Texts with fewer lines than this (the three together) are diffed on one thread.</summary>
    private const int ParallelDiffLines = 30_000;

    public static MergePlan Create(string baseText, string mineText, string theirsText, MergeLevel level, CancellationToken cancellationToken)
    {
        var @base = TextLines.Split(baseText);
        var mine = TextLines.Split(mineText);
        var theirs = TextLines.Split(theirsText);
        var classifier = new LineClassifier();
        var baseIds = classifier.Classify(@base, cancellationToken);
        var mineIds = classifier.Classify(mine, cancellationToken);
        var theirsIds = classifier.Classify(theirs, cancellationToken);

        // The two diffs are independent: on large texts they run side by side. On small ones a second thread costs
        // more than it saves (starting the thread pool is a good part of a small merge from the command line).
        List<Hunk> mineHunks, theirsHunks;
        if (@base.Count + mine.Count + theirs.Count < ParallelDiffLines)
        {
            mineHunks = LineDiff.Diff(baseIds, mineIds, cancellationToken);
            theirsHunks = LineDiff.Diff(baseIds, theirsIds, cancellationToken);
        }
        else
        {
            var theirsDiff = Task.Run(() => LineDiff.Diff(baseIds, theirsIds, cancellationToken), cancellationToken);
            mineHunks = LineDiff.Diff(baseIds, mineIds, cancellationToken);
            theirsHunks = theirsDiff.GetAwaiter().GetResult();
        }

        var entries = WalkChanges(mineHunks, theirsHunks, mineIds, theirsIds, @base.Count, mine.Count, theirs.Count);
        if (level >= MergeLevel.Zealous)
        {
            entries = Refine(entries, mineIds, theirsIds, cancellationToken);
            JoinNearbyConflicts(entries, mine, joinIfNoAlnum: level == MergeLevel.ZealousAlnum);
        }

        return new MergePlan(@base, mine, theirs, mineHunks, theirsHunks, entries);
    }

    /// <summary>Walks both diffs in base order; changes that overlap or touch become one conflict unless identical.</summary>
    private static List<Entry> WalkChanges(List<Hunk> mineHunks, List<Hunk> theirsHunks, int[] mineIds, int[] theirsIds, int baseCount, int mineCount, int theirsCount)
    {
        var entries = new List<Entry>();
        int m = 0, t = 0;
        while (m < mineHunks.Count && t < theirsHunks.Count)
        {
            var x1 = mineHunks[m];
            var x2 = theirsHunks[t];
            if (x1.End1 < x2.Start1)
            {
                Append(entries, EntryKind.Mine, x1.Start1, x1.Count1, x1.Start2, x1.Count2, x2.Start2 - x2.Start1 + x1.Start1, x1.Count1);
                m++;
                continue;
            }

            if (x2.End1 < x1.Start1)
            {
                Append(entries, EntryKind.Theirs, x2.Start1, x2.Count1, x1.Start2 - x1.Start1 + x2.Start1, x2.Count1, x2.Start2, x2.Count2);
                t++;
                continue;
            }

            var identical = x1.Start1 == x2.Start1 && x1.Count1 == x2.Count1 && x1.Count2 == x2.Count2
                && mineIds.AsSpan(x1.Start2, x1.Count2).SequenceEqual(theirsIds.AsSpan(x2.Start2, x2.Count2));
            if (!identical)
            {
                var off = x1.Start1 - x2.Start1;
                var ffo = off + x1.Count1 - x2.Count1;
                int i0 = x1.Start1, i1 = x1.Start2, i2 = x2.Start2;
                if (off > 0)
                {
                    i0 -= off;
                    i1 -= off;
                }
                else
                {
                    i2 += off;
                }

                var chg0 = x1.End1 - i0;
                var chg1 = x1.End2 - i1;
                var chg2 = x2.End2 - i2;
                if (ffo < 0)
                {
                    chg0 -= ffo;
                    chg1 -= ffo;
                }
                else
                {
                    chg2 += ffo;
                }

                Append(entries, EntryKind.Conflict, i0, chg0, i1, chg1, i2, chg2);
            }

            var end1 = x1.End1;
            var end2 = x2.End1;
            if (end1 >= end2)
            {
                t++;
            }

            if (end2 >= end1)
            {
                m++;
            }
        }

        for (; m < mineHunks.Count; m++)
        {
            var x1 = mineHunks[m];
            Append(entries, EntryKind.Mine, x1.Start1, x1.Count1, x1.Start2, x1.Count2, x1.Start1 + theirsCount - baseCount, x1.Count1);
        }

        for (; t < theirsHunks.Count; t++)
        {
            var x2 = theirsHunks[t];
            Append(entries, EntryKind.Theirs, x2.Start1, x2.Count1, x2.Start1 + mineCount - baseCount, x2.Count1, x2.Start2, x2.Count2);
        }

        return entries;
    }

    /// <summary>Adds a region, or grows the previous one when they overlap or touch in mine or in theirs.</summary>
    private static void Append(List<Entry> entries, EntryKind kind, int i0, int chg0, int i1, int chg1, int i2, int chg2)
    {
        if (entries.Count > 0 && entries[^1] is var last && (i1 <= last.I1 + last.Chg1 || i2 <= last.I2 + last.Chg2))
        {
            if (kind != last.Kind)
            {
                last.Kind = EntryKind.Conflict;
            }

            last.Chg0 = i0 + chg0 - last.I0;
            last.Chg1 = i1 + chg1 - last.I1;
            last.Chg2 = i2 + chg2 - last.I2;
            return;
        }

        entries.Add(new Entry(kind, i0, chg0, i1, chg1, i2, chg2));
    }

    /// <summary>
    /// Diffs mine against theirs inside each conflict: lines both sides have in common leave the conflict,
    /// which may split it in several; a conflict whose sides turn out equal is no conflict.
    /// </summary>
    private static List<Entry> Refine(List<Entry> entries, int[] mineIds, int[] theirsIds, CancellationToken cancellationToken)
    {
        var refined = new List<Entry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Kind != EntryKind.Conflict || entry.Chg1 == 0 || entry.Chg2 == 0)
            {
                refined.Add(entry);
                continue;
            }

            var hunks = LineDiff.Diff(mineIds.AsSpan(entry.I1, entry.Chg1), theirsIds.AsSpan(entry.I2, entry.Chg2), cancellationToken);
            if (hunks.Count == 0)
            {
                entry.Kind = EntryKind.Identical;
                refined.Add(entry);
                continue;
            }

            foreach (var hunk in hunks)
            {
                refined.Add(new Entry(EntryKind.Conflict, entry.I0, entry.Chg0, entry.I1 + hunk.Start1, hunk.Count1, entry.I2 + hunk.Start2, hunk.Count2) { BaseIsExact = false });
            }
        }

        return refined;
    }

    /// <summary>
    /// Two conflicts with at most 3 lines between them read more easily as one; at the alnum level, so do two
    /// separated only by lines with no letter or digit (blank lines, braces).
    /// </summary>
    private static void JoinNearbyConflicts(List<Entry> entries, TextLines mine, bool joinIfNoAlnum)
    {
        // Compacted in place (git's xdl_simplify_non_conflicts unlinks from a list): removing one at a time from
        // an array list would make many joins quadratic.
        if (entries.Count == 0)
        {
            return;
        }

        var kept = 0;
        for (var i = 1; i < entries.Count; i++)
        {
            var current = entries[kept];
            var next = entries[i];
            var begin = current.I1 + current.Chg1;
            var end = next.I1;
            var keepApart = current.Kind != EntryKind.Conflict || next.Kind != EntryKind.Conflict
                || (end - begin > 3 && (!joinIfNoAlnum || ContainsAlnum(mine, begin, end)));
            if (keepApart)
            {
                entries[++kept] = next;
                continue;
            }

            current.Chg1 = next.I1 + next.Chg1 - current.I1;
            current.Chg2 = next.I2 + next.Chg2 - current.I2;
            current.BaseIsExact = false;
        }

        entries.RemoveRange(kept + 1, entries.Count - kept - 1);
    }

    private static bool ContainsAlnum(TextLines lines, int start, int end)
    {
        foreach (var c in lines.Range(start, end))
        {
            // git tests bytes with isalnum in the C locale: ASCII letters and digits only.
            if (char.IsAsciiLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The merged text with git's conflict markers, exactly as git merge-file writes it.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="labels">The labels after the markers.</param>
    /// <param name="diff3">Show base in conflicts.</param>
    /// <param name="replacements">
    /// The prose mode's combined regions by the number (0-based, in order) of the first conflict they cover: written
    /// as their text in place of their mine lines, with the conflicts they cover.
    /// </param>
    public void Render(TextWriter output, ConflictLabels labels, bool diff3, IReadOnlyDictionary<int, ProseMerge.Replacement>? replacements = null)
    {
        var i = 0;
        var conflict = -1;
        var coveredThrough = -1;
        foreach (var entry in Entries)
        {
            if (entry.Kind == EntryKind.Conflict)
            {
                conflict++;
            }

            switch (entry.Kind)
            {
                case EntryKind.Conflict when conflict <= coveredThrough:
                    continue;
                case EntryKind.Conflict when replacements is not null && replacements.TryGetValue(conflict, out var replacement):
                    output.Write(Mine.Range(i, replacement.MineLines.Start));
                    output.Write(replacement.Text);
                    coveredThrough = replacement.LastConflict;
                    i = replacement.MineLines.End;
                    continue;
                case EntryKind.Conflict:
                    output.Write(Mine.Range(i, entry.I1));
                    RenderConflict(output, entry, labels, diff3);
                    break;
                case EntryKind.Mine:
                    output.Write(Mine.Range(i, entry.I1 + entry.Chg1));
                    break;
                case EntryKind.Theirs:
                    output.Write(Theirs.Range(entry.I2 - entry.I1 + i, entry.I2 + entry.Chg2));
                    break;
                default:
                    continue;
            }

            i = entry.I1 + entry.Chg1;
        }

        output.Write(Mine.Range(i, Mine.Count));
    }

    private void RenderConflict(TextWriter output, Entry entry, ConflictLabels labels, bool diff3)
    {
        var eol = NeedsCrLf(entry) ? "\r\n" : "\n";
        Marker(output, '<', labels.Mine, eol);
        AppendSide(output, Mine, entry.I1, entry.Chg1, eol);
        if (diff3)
        {
            Marker(output, '|', labels.Base, eol);
            AppendSide(output, Base, entry.I0, entry.Chg0, eol);
        }

        Marker(output, '=', null, eol);
        AppendSide(output, Theirs, entry.I2, entry.Chg2, eol);
        Marker(output, '>', labels.Theirs, eol);
    }

    private static void Marker(TextWriter output, char c, string? label, string eol)
    {
        output.Write(c == '<' ? "<<<<<<<" : c == '|' ? "|||||||" : c == '=' ? "=======" : ">>>>>>>");
        if (label is not null)
        {
            output.Write(' ');
            output.Write(label);
        }

        output.Write(eol);
    }

    /// <summary>A side of a conflict; a last line without a newline gets one, so the marker starts its own line.</summary>
    private static void AppendSide(TextWriter output, TextLines lines, int start, int count, string eol)
    {
        if (count < 1)
        {
            return;
        }

        output.Write(lines.Range(start, start + count));
        if (!lines.EndsWithNewline(start + count - 1))
        {
            output.Write(eol);
        }
    }

    /// <summary>Markers use CRLF when the lines around the conflict in both sides, and base's first line, do.</summary>
    private bool NeedsCrLf(Entry entry)
    {
        var needsCr = EndsWithCrLf(Mine, entry.I1 > 0 ? entry.I1 - 1 : 0);
        if (needsCr == true)
        {
            needsCr = EndsWithCrLf(Theirs, entry.I2 > 0 ? entry.I2 - 1 : 0);
        }

        if (needsCr == true)
        {
            needsCr = EndsWithCrLf(Base, 0);
        }

        return needsCr == true;
    }

    /// <returns>Whether line i ends with CRLF; null when it cannot tell (no lines, or a single line with no end).</returns>
    private static bool? EndsWithCrLf(TextLines lines, int i)
    {
        if (i < lines.Count - 1)
        {
            return lines[i] is [.., '\r', '\n'];
        }

        if (lines.Count == 0)
        {
            return null;
        }

        if (lines.EndsWithNewline(i))
        {
            return lines[i] is [.., '\r', '\n'];
        }

        if (i == 0)
        {
            return null;
        }

        return lines[i - 1] is [.., '\r', '\n'];
    }

    /// <summary>The regions of the merge, each with its text in all three versions.</summary>
    public ImmutableArray<MergeChunk> ToChunks() => new ChunkBuilder(this).Build();

    /// <summary>
    /// Walks mine from top to bottom. Between entries both sides agree line for line (theirs is mine shifted by
    /// a running offset); there, mine's own changes are changes both made (Same), the rest is Unchanged.
    /// Base ranges are exact where the diffs say so (unchanged lines, one-sided changes, unrefined conflicts,
    /// whole Same hunks); the pieces of refined or joined conflicts get estimates, and a last pass fits those
    /// into the gaps between exact ranges, so that the chunks cover base exactly once, in order.
    /// </summary>
    private sealed class ChunkBuilder(MergePlan plan)
    {
        private readonly List<Piece> _pieces = [];
        private readonly PositionMap _mineToBase = new(plan.MineHunks);
        private readonly PositionMap _theirsToBase = new(plan.TheirsHunks);
        private int _mineHunk;
        private int _theirsOffset;

        private sealed record Piece(MergeChunkKind Kind, LineRange Base, bool BaseIsExact, LineRange Mine, LineRange Theirs);

        public ImmutableArray<MergeChunk> Build()
        {
            var position = 0;
            foreach (var entry in plan.Entries)
            {
                if (entry.Kind == EntryKind.Identical)
                {
                    continue;
                }

                var @base = entry.BaseIsExact ? new LineRange(entry.I0, entry.Chg0) : Estimate(entry.I1, entry.I1 + entry.Chg1, entry.I2, entry.I2 + entry.Chg2);
                AddAgreed(position, entry.I1, @base.Start);
                AddEntry(entry, @base);
                position = entry.I1 + entry.Chg1;
                _theirsOffset = entry.I2 + entry.Chg2 - position;
            }

            AddAgreed(position, plan.Mine.Count, plan.Base.Count);
            return Fit();
        }

        /// <summary>Base lines for a region given by its mine and theirs ranges: whatever either side's diff ties to it.</summary>
        private LineRange Estimate(int mineStart, int mineEnd, int theirsStart, int theirsEnd)
        {
            var start = Math.Max(_mineToBase.Start(mineStart), _theirsToBase.Start(theirsStart));
            var end = Math.Max(_mineToBase.End(mineEnd), _theirsToBase.End(theirsEnd));
            return new LineRange(start, Math.Max(0, end - start));
        }

        private void AddEntry(Entry entry, LineRange @base)
        {
            var kind = entry.Kind switch
            {
                EntryKind.Mine => MergeChunkKind.Mine,
                EntryKind.Theirs => MergeChunkKind.Theirs,
                _ => MergeChunkKind.Conflict,
            };
            _pieces.Add(new Piece(kind, @base, entry.BaseIsExact, new LineRange(entry.I1, entry.Chg1), new LineRange(entry.I2, entry.Chg2)));

            // Mine's hunks wholly inside this entry are accounted for by it; one that refinement cut in two
            // goes on into the agreed lines after it.
            var end = entry.I1 + entry.Chg1;
            while (_mineHunk < plan.MineHunks.Count && plan.MineHunks[_mineHunk] is var hunk
                && (hunk.End2 < end || (hunk.End2 == end && (hunk.Count2 > 0 || hunk.Start1 < @base.End))))
            {
                _mineHunk++;
            }
        }

        /// <param name="start">Where the agreed lines start in mine.</param>
        /// <param name="end">Where they end in mine (where the next entry starts).</param>
        /// <param name="nextBaseStart">Where the next entry starts in base: a deletion at the boundary belongs to it unless it lies before.</param>
        private void AddAgreed(int start, int end, int nextBaseStart)
        {
            var position = start;
            for (; _mineHunk < plan.MineHunks.Count; _mineHunk++)
            {
                var hunk = plan.MineHunks[_mineHunk];
                if (hunk.Start2 > end || (hunk.Start2 == end && (hunk.Count2 > 0 || hunk.Start1 >= nextBaseStart)))
                {
                    break;
                }

                var sameStart = Math.Max(hunk.Start2, position);
                var sameEnd = Math.Min(hunk.End2, end);
                if (sameEnd < sameStart)
                {
                    continue;
                }

                AddUnchanged(position, sameStart);
                var whole = sameStart == hunk.Start2 && sameEnd == hunk.End2;
                var @base = whole ? new LineRange(hunk.Start1, hunk.Count1) : new LineRange(sameStart == hunk.Start2 ? hunk.Start1 : hunk.End1, 0);
                if (sameEnd > sameStart || @base.Count > 0)
                {
                    _pieces.Add(new Piece(MergeChunkKind.Same, @base, whole, new LineRange(sameStart, sameEnd - sameStart), new LineRange(sameStart + _theirsOffset, sameEnd - sameStart)));
                }

                position = sameEnd;
                if (hunk.End2 > end)
                {
                    break;
                }
            }

            AddUnchanged(position, end);
        }

        private void AddUnchanged(int start, int end)
        {
            if (end > start)
            {
                var count = end - start;
                _pieces.Add(new Piece(MergeChunkKind.Unchanged, new LineRange(_mineToBase.Unchanged(start), count), true, new LineRange(start, count), new LineRange(start + _theirsOffset, count)));
            }
        }

        /// <summary>Exact base ranges stay; estimated ones fill the gaps between them, in order and without overlap.</summary>
        private ImmutableArray<MergeChunk> Fit()
        {
            var chunks = ImmutableArray.CreateBuilder<MergeChunk>(_pieces.Count);
            var cursor = 0;
            var conflicts = 0;

            // The next exact piece after each one, found in one backward pass: a conflict refined into thousands
            // of pieces must not make this quadratic.
            var nextExactAfter = new Piece?[_pieces.Count];
            for (var i = _pieces.Count - 2; i >= 0; i--)
            {
                nextExactAfter[i] = _pieces[i + 1].BaseIsExact ? _pieces[i + 1] : nextExactAfter[i + 1];
            }

            for (var i = 0; i < _pieces.Count; i++)
            {
                var piece = _pieces[i];
                int end;
                if (piece.BaseIsExact)
                {
                    end = Math.Max(cursor, piece.Base.End);
                }
                else
                {
                    var nextExact = nextExactAfter[i];
                    var limit = Math.Max(cursor, nextExact?.Base.Start ?? plan.Base.Count);
                    var nextIsExactOrLast = i + 1 == _pieces.Count || _pieces[i + 1].BaseIsExact;
                    end = nextIsExactOrLast ? limit : Math.Clamp(piece.Base.End, cursor, limit);
                }

                var @base = new LineRange(cursor, end - cursor);
                chunks.Add(new MergeChunk(
                    piece.Kind,
                    plan.Base.Range(@base.Start, @base.End).ToString(),
                    plan.Mine.Range(piece.Mine.Start, piece.Mine.End).ToString(),
                    plan.Theirs.Range(piece.Theirs.Start, piece.Theirs.End).ToString(),
                    @base,
                    piece.Mine,
                    piece.Theirs,
                    piece.Kind == MergeChunkKind.Conflict ? conflicts++ : null));
                cursor = end;
            }

            return chunks.MoveToImmutable();
        }
    }

    /// <summary>Maps line positions of one side onto base through the hunks of their diff.</summary>
    private sealed class PositionMap(List<Hunk> hunks)
    {
        /// <summary>The base line of an unchanged side line.</summary>
        public int Unchanged(int p)
        {
            var delta = 0;
            foreach (var hunk in hunks)
            {
                if (p < hunk.Start2 || (p == hunk.Start2 && hunk.Count2 > 0))
                {
                    break;
                }

                delta = hunk.End1 - hunk.End2;
            }

            return p + delta;
        }

        /// <summary>Where in base a region starting at side position p starts (a change there owns its base lines).</summary>
        public int Start(int p)
        {
            var delta = 0;
            foreach (var hunk in hunks)
            {
                if (p < hunk.Start2)
                {
                    break;
                }

                if (p < hunk.End2 || p == hunk.Start2)
                {
                    return hunk.Start1;
                }

                delta = hunk.End1 - hunk.End2;
            }

            return p + delta;
        }

        /// <summary>Where in base a region ending at side position p ends.</summary>
        public int End(int p)
        {
            var delta = 0;
            foreach (var hunk in hunks)
            {
                if (p < hunk.Start2)
                {
                    break;
                }

                if (p <= hunk.End2)
                {
                    return hunk.End1;
                }

                delta = hunk.End1 - hunk.End2;
            }

            return p + delta;
        }
    }
}
