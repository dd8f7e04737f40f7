namespace CollabEdit.Merging;

/// <summary>
/// A line diff that chooses the same alignment as git's default (Myers) diff, because a three-way merge is
/// only git-compatible if its two diffs are: common ends are trimmed; lines that occur nowhere in the
/// other text (and runs of lines that occur too often) are set aside before the search; the search is
/// Myers' linear-space O(ND) algorithm with a cost bound, past which it takes the furthest-reaching
/// path instead of the shortest; and change groups are then slid to canonical positions.
/// </summary>
internal static class LineDiff
{
    private const int MaxCostMin = 256;
    private const int HeuristicMinCost = 256;
    private const int SnakeCount = 20;
    private const int KHeuristic = 4;
    private const int MaxEqualLimit = 1024;
    private const int SimilarScanWindow = 100;
    private const int KeepDiscardRun = 4;

    /// <summary>The hunks that turn <paramref name="a"/> into <paramref name="b"/> (sequences of line classes).</summary>
    public static List<Hunk> Diff(ReadOnlySpan<int> a, ReadOnlySpan<int> b, CancellationToken cancellationToken) =>
        Diff(a.ToArray(), b.ToArray(), cancellationToken);

    /// <summary>As above, on arrays the diff may keep without copying (they are not changed).</summary>
    public static List<Hunk> Diff(int[] a, int[] b, CancellationToken cancellationToken)
    {
        (a, b) = Dense(a, b);
        var side1 = new Side(a);
        var side2 = new Side(b);
        Prepare(side1, side2);
        new MyersSearch(side1, side2, cancellationToken).Run();
        Compact(side1, side2);
        Compact(side2, side1);
        return BuildScript(side1, side2);
    }

    /// <summary>
    /// Line classes numbered for this diff alone when the merge's numbering is much larger than the two sequences:
    /// the per-class counts below are arrays indexed by class, and a small diff inside a large merge (git's
    /// refinement of each conflict) must cost its own size, not the merge's. Git's <c>xdl_prepare_env</c> builds
    /// its classes per diff for the same reason.
    /// </summary>
    private static (int[] A, int[] B) Dense(int[] a, int[] b)
    {
        var largest = Math.Max(MaxClass(a), MaxClass(b));
        if (largest < 4 * (a.Length + b.Length) + 64)
        {
            return (a, b);
        }

        var classes = new Dictionary<int, int>(a.Length + b.Length);
        int[] Renumber(int[] lines)
        {
            var dense = new int[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                if (!classes.TryGetValue(lines[i], out var id))
                {
                    id = classes.Count;
                    classes[lines[i]] = id;
                }

                dense[i] = id;
            }

            return dense;
        }

        return (Renumber(a), Renumber(b));
    }

    /// <summary>One side of a diff: its lines, which of them are changed, and the lines the search looks at.</summary>
    private sealed class Side(int[] lines)
    {
        public int[] Lines { get; } = lines;

        public int Count => Lines.Length;

        /// <summary>Changed flags with a false sentinel on each end: line i is at [i + 1].</summary>
        public bool[] ChangedWithSentinels { get; } = new bool[lines.Length + 2];

        /// <summary>The lines the search considers (indexes into <see cref="Lines"/>), after trimming and discarding.</summary>
        public int[] Kept { get; set; } = [];

        public bool IsChanged(int line) => ChangedWithSentinels[line + 1];

        public void SetChanged(int line, bool changed) => ChangedWithSentinels[line + 1] = changed;
    }

    private static void Prepare(Side side1, Side side2)
    {
        var limit = Math.Min(side1.Count, side2.Count);
        var prefix = 0;
        while (prefix < limit && side1.Lines[prefix] == side2.Lines[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < limit - prefix && side1.Lines[side1.Count - 1 - suffix] == side2.Lines[side2.Count - 1 - suffix])
        {
            suffix++;
        }

        var classCount = Math.Max(MaxClass(side1.Lines), MaxClass(side2.Lines)) + 1;
        var occurrences1 = Occurrences(side1.Lines, classCount);
        var occurrences2 = Occurrences(side2.Lines, classCount);
        side1.Kept = KeptLines(side1, occurrences2, prefix, side1.Count - suffix);
        side2.Kept = KeptLines(side2, occurrences1, prefix, side2.Count - suffix);
    }

    private static int MaxClass(int[] lines) => lines.Length == 0 ? 0 : lines.Max();

    private static int[] Occurrences(int[] lines, int classCount)
    {
        var counts = new int[classCount];
        foreach (var line in lines)
        {
            counts[line]++;
        }

        return counts;
    }

    private enum Action : byte
    {
        Discard = 0,
        Keep = 1,
        Investigate = 2,
    }

    /// <summary>
    /// Lines with no match in the other text cannot be part of any common subsequence: they are marked
    /// changed at once. Lines with very many matches are set aside too when they sit in a run of such lines.
    /// </summary>
    private static int[] KeptLines(Side side, int[] otherOccurrences, int start, int end)
    {
        var limit = Math.Min(BogoSqrt(side.Count), MaxEqualLimit);
        var actions = new Action[side.Count];
        for (var i = start; i < end; i++)
        {
            var matches = otherOccurrences[side.Lines[i]];
            actions[i] = matches == 0 ? Action.Discard : matches >= limit ? Action.Investigate : Action.Keep;
        }

        var kept = new int[Math.Max(0, end - start)];
        var count = 0;
        for (var i = start; i < end; i++)
        {
            if (actions[i] == Action.Keep || (actions[i] == Action.Investigate && !InDiscardableRun(actions, i, start, end - 1)))
            {
                kept[count++] = i;
            }
            else
            {
                side.SetChanged(i, true);
            }
        }

        Array.Resize(ref kept, count);
        return kept;
    }

    /// <summary>Whether a frequent line sits among lines with no match, more of them than frequent ones.</summary>
    private static bool InDiscardableRun(Action[] actions, int i, int start, int end)
    {
        start = Math.Max(start, i - SimilarScanWindow);
        end = Math.Min(end, i + SimilarScanWindow);

        int discardsBefore = 0, frequentBefore = 1;
        for (var r = 1; i - r >= start; r++)
        {
            if (actions[i - r] == Action.Discard)
            {
                discardsBefore++;
            }
            else if (actions[i - r] == Action.Investigate)
            {
                frequentBefore++;
            }
            else
            {
                break;
            }
        }

        if (discardsBefore == 0)
        {
            return false;
        }

        int discardsAfter = 0, frequentAfter = 1;
        for (var r = 1; i + r <= end; r++)
        {
            if (actions[i + r] == Action.Discard)
            {
                discardsAfter++;
            }
            else if (actions[i + r] == Action.Investigate)
            {
                frequentAfter++;
            }
            else
            {
                break;
            }
        }

        if (discardsAfter == 0)
        {
            return false;
        }

        var discards = discardsBefore + discardsAfter;
        var frequent = frequentBefore + frequentAfter;
        return frequent * KeepDiscardRun < frequent + discards;
    }

    /// <summary>A power of two near the square root: the cost bound grows with it.</summary>
    private static int BogoSqrt(long n)
    {
        var root = 1;
        for (; n > 0; n >>= 2)
        {
            root <<= 1;
        }

        return root;
    }

    /// <summary>Myers' middle-snake search, divide and conquer, over the kept lines of both sides.</summary>
    private sealed class MyersSearch
    {
        private readonly Side _side1;
        private readonly Side _side2;
        private readonly int[] _a;
        private readonly int[] _b;
        private readonly int[] _forward;
        private readonly int[] _backward;
        private readonly int _diagonalOffset;
        private readonly int _maxCost;
        private readonly CancellationToken _cancellationToken;

        public MyersSearch(Side side1, Side side2, CancellationToken cancellationToken)
        {
            _side1 = side1;
            _side2 = side2;
            _a = LinesAt(side1);
            _b = LinesAt(side2);
            var diagonals = _a.Length + _b.Length + 3;
            _forward = new int[diagonals + 2];
            _backward = new int[diagonals + 2];
            _diagonalOffset = _b.Length + 1;
            _maxCost = Math.Max(BogoSqrt(diagonals), MaxCostMin);
            _cancellationToken = cancellationToken;
        }

        private static int[] LinesAt(Side side)
        {
            var lines = new int[side.Kept.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = side.Lines[side.Kept[i]];
            }

            return lines;
        }

        public void Run()
        {
            // An explicit stack: deep recursion on large, very different inputs would overflow the thread's stack.
            var boxes = new Stack<(int Off1, int Lim1, int Off2, int Lim2, bool NeedMin)>();
            boxes.Push((0, _a.Length, 0, _b.Length, false));
            var splits = 0;
            while (boxes.Count > 0)
            {
                if ((++splits & 0x3FF) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                var (off1, lim1, off2, lim2, needMin) = boxes.Pop();
                while (off1 < lim1 && off2 < lim2 && _a[off1] == _b[off2])
                {
                    off1++;
                    off2++;
                }

                while (off1 < lim1 && off2 < lim2 && _a[lim1 - 1] == _b[lim2 - 1])
                {
                    lim1--;
                    lim2--;
                }

                if (off1 == lim1)
                {
                    for (; off2 < lim2; off2++)
                    {
                        _side2.SetChanged(_side2.Kept[off2], true);
                    }
                }
                else if (off2 == lim2)
                {
                    for (; off1 < lim1; off1++)
                    {
                        _side1.SetChanged(_side1.Kept[off1], true);
                    }
                }
                else
                {
                    var split = Split(off1, lim1, off2, lim2, needMin);
                    boxes.Push((split.I1, lim1, split.I2, lim2, split.MinHigh));
                    boxes.Push((off1, split.I1, off2, split.I2, split.MinLow));
                }
            }
        }

        private readonly record struct SplitPoint(int I1, int I2, bool MinLow, bool MinHigh);

        private ref int F(long diagonal) => ref _forward[diagonal + _diagonalOffset];

        private ref int B(long diagonal) => ref _backward[diagonal + _diagonalOffset];

        /// <summary>
        /// Searches forward from (off1, off2) and backward from (lim1, lim2) until the paths meet. Past a cost
        /// bound, or on a long enough snake after a minimum cost, it settles for a good but not shortest split.
        /// </summary>
        private SplitPoint Split(int off1, int lim1, int off2, int lim2, bool needMin)
        {
            long dmin = off1 - lim2, dmax = lim1 - off2;
            long fmid = off1 - off2, bmid = lim1 - lim2;
            var odd = ((fmid - bmid) & 1) != 0;
            long fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
            F(fmid) = off1;
            B(bmid) = lim1;

            for (long cost = 1; ; cost++)
            {
                var gotSnake = false;
                if (fmin > dmin)
                {
                    F(--fmin - 1) = -1;
                }
                else
                {
                    ++fmin;
                }

                if (fmax < dmax)
                {
                    F(++fmax + 1) = -1;
                }
                else
                {
                    --fmax;
                }

                for (var d = fmax; d >= fmin; d -= 2)
                {
                    long i1 = F(d - 1) >= F(d + 1) ? F(d - 1) + 1 : F(d + 1);
                    var start = i1;
                    var i2 = i1 - d;
                    while (i1 < lim1 && i2 < lim2 && _a[i1] == _b[i2])
                    {
                        i1++;
                        i2++;
                    }

                    if (i1 - start > SnakeCount)
                    {
                        gotSnake = true;
                    }

                    F(d) = (int)i1;
                    if (odd && bmin <= d && d <= bmax && B(d) <= i1)
                    {
                        return new SplitPoint((int)i1, (int)i2, true, true);
                    }
                }

                if (bmin > dmin)
                {
                    B(--bmin - 1) = int.MaxValue;
                }
                else
                {
                    ++bmin;
                }

                if (bmax < dmax)
                {
                    B(++bmax + 1) = int.MaxValue;
                }
                else
                {
                    --bmax;
                }

                for (var d = bmax; d >= bmin; d -= 2)
                {
                    long i1 = B(d - 1) < B(d + 1) ? B(d - 1) : B(d + 1) - 1;
                    var start = i1;
                    var i2 = i1 - d;
                    while (i1 > off1 && i2 > off2 && _a[i1 - 1] == _b[i2 - 1])
                    {
                        i1--;
                        i2--;
                    }

                    if (start - i1 > SnakeCount)
                    {
                        gotSnake = true;
                    }

                    B(d) = (int)i1;
                    if (!odd && fmin <= d && d <= fmax && i1 <= F(d))
                    {
                        return new SplitPoint((int)i1, (int)i2, true, true);
                    }
                }

                if (needMin)
                {
                    continue;
                }

                if (gotSnake && cost > HeuristicMinCost && GoodSnake(off1, lim1, off2, lim2, fmin, fmax, fmid, bmin, bmax, bmid, cost) is { } good)
                {
                    return good;
                }

                if (cost >= _maxCost)
                {
                    return FurthestReaching(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax);
                }
            }
        }

        /// <summary>A diagonal far along and near the middle that ends a snake of at least <see cref="SnakeCount"/> lines.</summary>
        private SplitPoint? GoodSnake(int off1, int lim1, int off2, int lim2, long fmin, long fmax, long fmid, long bmin, long bmax, long bmid, long cost)
        {
            long best = 0;
            SplitPoint? found = null;
            for (var d = fmax; d >= fmin; d -= 2)
            {
                var distance = d > fmid ? d - fmid : fmid - d;
                long i1 = F(d);
                var i2 = i1 - d;
                var value = (i1 - off1) + (i2 - off2) - distance;
                if (value > KHeuristic * cost && value > best
                    && off1 + SnakeCount <= i1 && i1 < lim1 && off2 + SnakeCount <= i2 && i2 < lim2)
                {
                    for (var k = 1; _a[i1 - k] == _b[i2 - k]; k++)
                    {
                        if (k == SnakeCount)
                        {
                            best = value;
                            found = new SplitPoint((int)i1, (int)i2, true, false);
                            break;
                        }
                    }
                }
            }

            if (found is not null)
            {
                return found;
            }

            for (var d = bmax; d >= bmin; d -= 2)
            {
                var distance = d > bmid ? d - bmid : bmid - d;
                long i1 = B(d);
                var i2 = i1 - d;
                var value = (lim1 - i1) + (lim2 - i2) - distance;
                if (value > KHeuristic * cost && value > best
                    && off1 < i1 && i1 <= lim1 - SnakeCount && off2 < i2 && i2 <= lim2 - SnakeCount)
                {
                    for (var k = 0; _a[i1 + k] == _b[i2 + k]; k++)
                    {
                        if (k == SnakeCount - 1)
                        {
                            best = value;
                            found = new SplitPoint((int)i1, (int)i2, false, true);
                            break;
                        }
                    }
                }
            }

            return found;
        }

        /// <summary>Past the cost bound: the point, forward or backward, that got furthest.</summary>
        private SplitPoint FurthestReaching(int off1, int lim1, int off2, int lim2, long fmin, long fmax, long bmin, long bmax)
        {
            long forwardBest = -1, forwardBest1 = -1;
            for (var d = fmax; d >= fmin; d -= 2)
            {
                long i1 = Math.Min(F(d), lim1);
                var i2 = i1 - d;
                if (lim2 < i2)
                {
                    i1 = lim2 + d;
                    i2 = lim2;
                }

                if (forwardBest < i1 + i2)
                {
                    forwardBest = i1 + i2;
                    forwardBest1 = i1;
                }
            }

            long backwardBest = long.MaxValue, backwardBest1 = long.MaxValue;
            for (var d = bmax; d >= bmin; d -= 2)
            {
                long i1 = Math.Max(off1, B(d));
                var i2 = i1 - d;
                if (i2 < off2)
                {
                    i1 = off2 + d;
                    i2 = off2;
                }

                if (i1 + i2 < backwardBest)
                {
                    backwardBest = i1 + i2;
                    backwardBest1 = i1;
                }
            }

            return (lim1 + lim2) - backwardBest < forwardBest - (off1 + off2)
                ? new SplitPoint((int)forwardBest1, (int)(forwardBest - forwardBest1), true, false)
                : new SplitPoint((int)backwardBest1, (int)(backwardBest - backwardBest1), false, true);
        }
    }

    /// <summary>
    /// Slides each group of changed lines as far down as it goes (merging groups it bumps into), then back
    /// up to line up with a change in the other side when it can: the canonical placement git uses.
    /// </summary>
    private static void Compact(Side side, Side other)
    {
        var g = new Group(side);
        var go = new Group(other);
        while (true)
        {
            if (g.End != g.Start)
            {
                int size;
                int earliestEnd;
                int endMatchingOther;
                do
                {
                    size = g.End - g.Start;
                    endMatchingOther = -1;
                    while (g.SlideUp())
                    {
                        go.Previous();
                    }

                    earliestEnd = g.End;
                    if (go.End > go.Start)
                    {
                        endMatchingOther = g.End;
                    }

                    while (g.SlideDown())
                    {
                        go.Next();
                        if (go.End > go.Start)
                        {
                            endMatchingOther = g.End;
                        }
                    }
                }
                while (size != g.End - g.Start);

                if (g.End != earliestEnd && endMatchingOther != -1)
                {
                    while (go.End == go.Start)
                    {
                        g.SlideUp();
                        go.Previous();
                    }
                }
            }

            if (!g.Next())
            {
                break;
            }

            go.Next();
        }
    }

    /// <summary>A run of changed lines [Start, End) in one side (possibly empty: a position between lines).</summary>
    private sealed class Group
    {
        private readonly Side _side;

        public Group(Side side)
        {
            _side = side;
            Start = 0;
            End = 0;
            while (_side.IsChanged(End))
            {
                End++;
            }
        }

        public int Start { get; private set; }

        public int End { get; private set; }

        public bool Next()
        {
            if (End == _side.Count)
            {
                return false;
            }

            Start = End + 1;
            End = Start;
            while (_side.IsChanged(End))
            {
                End++;
            }

            return true;
        }

        public bool Previous()
        {
            if (Start == 0)
            {
                return false;
            }

            End = Start - 1;
            Start = End;
            while (_side.IsChanged(Start - 1))
            {
                Start--;
            }

            return true;
        }

        public bool SlideDown()
        {
            if (End < _side.Count && _side.Lines[Start] == _side.Lines[End])
            {
                _side.SetChanged(Start++, false);
                _side.SetChanged(End++, true);
                while (_side.IsChanged(End))
                {
                    End++;
                }

                return true;
            }

            return false;
        }

        public bool SlideUp()
        {
            if (Start > 0 && _side.Lines[Start - 1] == _side.Lines[End - 1])
            {
                _side.SetChanged(--Start, true);
                _side.SetChanged(--End, false);
                while (_side.IsChanged(Start - 1))
                {
                    Start--;
                }

                return true;
            }

            return false;
        }
    }

    private static List<Hunk> BuildScript(Side side1, Side side2)
    {
        var hunks = new List<Hunk>();
        int i1 = 0, i2 = 0;
        while (i1 < side1.Count || i2 < side2.Count)
        {
            if (side1.IsChanged(i1) || side2.IsChanged(i2))
            {
                int start1 = i1, start2 = i2;
                while (side1.IsChanged(i1))
                {
                    i1++;
                }

                while (side2.IsChanged(i2))
                {
                    i2++;
                }

                hunks.Add(new Hunk(start1, i1 - start1, start2, i2 - start2));
            }
            else
            {
                i1++;
                i2++;
            }
        }

        return hunks;
    }
}
