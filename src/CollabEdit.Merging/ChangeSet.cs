using System.Collections.Immutable;
using System.Text;

namespace CollabEdit.Merging;

/// <summary>
/// What changed between two versions of a text, as sorted, non-overlapping replacements in the old text's
/// coordinates: the unit that is stored (a delta), sent (an edit, a followed version) and patched, so that an
/// operation costs what changed rather than the size of the document. Positions count UTF-16 code units, as .NET
/// strings and CodeMirror do, and never split a surrogate pair; <see cref="ChangeSetJson"/> reads and writes
/// CodeMirror's <c>ChangeSet.toJSON()</c> form.
/// </summary>
public sealed record ChangeSet
{
    private ChangeSet(int length, ImmutableArray<TextChange> changes)
    {
        Length = length;
        Changes = changes;
        NewLength = length + changes.Sum(c => c.Insert.Length - c.Removed);
    }

    /// <summary>The length of the text the changes apply to.</summary>
    public int Length { get; }

    /// <summary>The length of the text after the changes.</summary>
    public int NewLength { get; }

    /// <summary>The replacements, sorted by position, none overlapping or touching out of order.</summary>
    public ImmutableArray<TextChange> Changes { get; }

    /// <summary>True when applying the set leaves the text as it is.</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>Characters inserted plus characters removed: what the change is worth, whatever the text's size.</summary>
    public long ChangedSize => Changes.Sum(c => (long)c.Insert.Length + c.Removed);

    /// <summary>No change to a text of <paramref name="length"/> characters.</summary>
    /// <param name="length">The text's length.</param>
    public static ChangeSet Empty(int length) => new(length, []);

    /// <summary>
    /// A change set from replacements, checked: sorted, not overlapping, inside the text, and never cutting a
    /// surrogate pair in <paramref name="text"/> when it is given. Empty replacements are dropped and adjacent ones joined.
    /// </summary>
    /// <param name="length">The length of the text the changes apply to.</param>
    /// <param name="changes">The replacements, in order.</param>
    /// <param name="text">The text itself, when known, to check that no boundary falls inside a surrogate pair.</param>
    /// <exception cref="FormatException">The replacements are out of order, overlap, leave the text, or split a character.</exception>
    public static ChangeSet Of(int length, IEnumerable<TextChange> changes, string? text = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(changes);
        var kept = ImmutableArray.CreateBuilder<TextChange>();
        var end = 0;
        foreach (var change in changes)
        {
            if (change.From < end || change.To < change.From || change.To > length)
            {
                throw new FormatException($"A change [{change.From}, {change.To}) is out of order or outside a text of {length} characters.");
            }

            if (change.Insert is null || HasLoneSurrogate(change.Insert))
            {
                throw new FormatException("A change inserts text that is not valid Unicode (a lone surrogate).");
            }

            if (text is not null && (SplitsPair(text, change.From) || SplitsPair(text, change.To)))
            {
                throw new FormatException($"A change at [{change.From}, {change.To}) cuts a character in two.");
            }

            end = change.To;
            if (change.Removed == 0 && change.Insert.Length == 0)
            {
                continue;
            }

            if (kept.Count > 0 && kept[^1].To == change.From)
            {
                // Touching replacements are one replacement: the stored and sent forms stay canonical.
                var last = kept[^1];
                kept[^1] = new TextChange(last.From, change.To, last.Insert + change.Insert);
            }
            else
            {
                kept.Add(change);
            }
        }

        return new ChangeSet(length, kept.ToImmutable());
    }

    /// <summary>
    /// The changes that turn <paramref name="before"/> into <paramref name="after"/>: common ends trimmed, then the
    /// engine's line diff (git's Myers, see <c>LineDiff</c>) on what is left, each hunk trimmed again to the
    /// characters that differ. Its cost follows the changed region, not the text's size, for one local edit.
    /// </summary>
    /// <param name="before">The old text.</param>
    /// <param name="after">The new text.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static ChangeSet Between(string before, string after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (prefix, suffix) = CommonEnds(before, 0, before.Length, after, 0, after.Length);
        var oldMiddle = before.Length - prefix - suffix;
        var newMiddle = after.Length - prefix - suffix;
        if (oldMiddle == 0 && newMiddle == 0)
        {
            return Empty(before.Length);
        }

        // A small or one-sided middle is one replacement; only a large two-sided one is worth a line diff.
        if (oldMiddle == 0 || newMiddle == 0 || (long)oldMiddle + newMiddle < 4096)
        {
            return new ChangeSet(before.Length, [new TextChange(prefix, prefix + oldMiddle, after.Substring(prefix, newMiddle))]);
        }

        return LineDiffOf(before, after, prefix, suffix, cancellationToken);
    }

    /// <summary>Applies the changes to <paramref name="text"/>.</summary>
    /// <param name="text">A text of exactly <see cref="Length"/> characters.</param>
    /// <exception cref="ArgumentException">The text does not have the length the changes were made for.</exception>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != Length)
        {
            throw new ArgumentException($"The changes apply to a text of {Length} characters, not {text.Length}.", nameof(text));
        }

        if (Changes.IsEmpty)
        {
            return text;
        }

        return string.Create(NewLength, (text, Changes), static (span, state) =>
        {
            var (source, changes) = state;
            var read = 0;
            var written = 0;
            foreach (var change in changes)
            {
                source.AsSpan(read, change.From - read).CopyTo(span[written..]);
                written += change.From - read;
                change.Insert.AsSpan().CopyTo(span[written..]);
                written += change.Insert.Length;
                read = change.To;
            }

            source.AsSpan(read).CopyTo(span[written..]);
        });
    }

    /// <summary>
    /// True when applying the changes to <paramref name="before"/> gives exactly <paramref name="after"/>, checked span
    /// by span without building the text (a stored delta is verified against the text it must give back).
    /// </summary>
    /// <param name="before">The text the changes are for.</param>
    /// <param name="after">The text they must give.</param>
    public bool Turns(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Length != Length || after.Length != NewLength)
        {
            return false;
        }

        var read = 0;
        var written = 0;
        foreach (var change in Changes)
        {
            var kept = change.From - read;
            if (!before.AsSpan(read, kept).SequenceEqual(after.AsSpan(written, kept))
                || !change.Insert.AsSpan().SequenceEqual(after.AsSpan(written + kept, change.Insert.Length)))
            {
                return false;
            }

            written += kept + change.Insert.Length;
            read = change.To;
        }

        return before.AsSpan(read).SequenceEqual(after.AsSpan(written));
    }

    /// <summary>
    /// One change set equal to applying this one and then <paramref name="next"/>, computed from the two change
    /// lists alone (the text is never touched): a chain of deltas is composed first and applied once.
    /// </summary>
    /// <param name="next">Changes to the text this set produces (its <see cref="Length"/> is this set's <see cref="NewLength"/>).</param>
    public ChangeSet Compose(ChangeSet next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Length != NewLength)
        {
            throw new ArgumentException($"The next changes apply to {next.Length} characters, not the {NewLength} these produce.", nameof(next));
        }

        // The classic composition of retain/delete/insert operation lists (as in CodeMirror's ChangeSet.compose):
        // the first set's output is what the second set walks over.
        var first = new OperationCursor(ToOperations());
        var second = new OperationCursor(next.ToOperations());
        var builder = new ChangeBuilder();
        while (true)
        {
            if (first.Current is { Kind: OperationKind.Delete } deleted)
            {
                builder.Delete(deleted.Count);
                first.Advance(deleted.Count);
            }
            else if (second.Current is { Kind: OperationKind.Insert } inserted)
            {
                builder.Insert(inserted.Text);
                second.Advance(inserted.Text.Length);
            }
            else if (first.Current is null || second.Current is null)
            {
                break;
            }
            else
            {
                var a = first.Current.Value;
                var b = second.Current.Value;
                var count = Math.Min(a.Length, b.Length);
                switch (a.Kind, b.Kind)
                {
                    case (OperationKind.Retain, OperationKind.Retain):
                        builder.Retain(count);
                        break;
                    case (OperationKind.Retain, OperationKind.Delete):
                        builder.Delete(count);
                        break;
                    case (OperationKind.Insert, OperationKind.Retain):
                        builder.Insert(a.Text[..count]);
                        break;
                    default:
                        // Inserted by the first set, deleted by the second: never existed.
                        break;
                }

                first.Advance(count);
                second.Advance(count);
            }
        }

        return Of(Length, builder.Changes);
    }

    private List<Operation> ToOperations()
    {
        var operations = new List<Operation>(Changes.Length * 3 + 1);
        var position = 0;
        foreach (var change in Changes)
        {
            if (change.From > position)
            {
                operations.Add(new Operation(OperationKind.Retain, change.From - position, string.Empty));
            }

            if (change.Removed > 0)
            {
                operations.Add(new Operation(OperationKind.Delete, change.Removed, string.Empty));
            }

            if (change.Insert.Length > 0)
            {
                operations.Add(new Operation(OperationKind.Insert, 0, change.Insert));
            }

            position = change.To;
        }

        if (Length > position)
        {
            operations.Add(new Operation(OperationKind.Retain, Length - position, string.Empty));
        }

        return operations;
    }

    /// <summary>UTF-8 bytes of everything inserted: what sending these changes costs beyond their positions.</summary>
    public long InsertedUtf8Bytes => Changes.Sum(c => (long)Encoding.UTF8.GetByteCount(c.Insert));

    private static ChangeSet LineDiffOf(string before, string after, int prefix, int suffix, CancellationToken cancellationToken)
    {
        var oldLines = TextLines.Split(before.Substring(prefix, before.Length - prefix - suffix));
        var newLines = TextLines.Split(after.Substring(prefix, after.Length - prefix - suffix));
        var classifier = new LineClassifier();
        var hunks = LineDiff.Diff(classifier.Classify(oldLines, cancellationToken), classifier.Classify(newLines, cancellationToken), cancellationToken);
        var changes = new List<TextChange>(hunks.Count);
        foreach (var hunk in hunks)
        {
            var oldStart = oldLines.Starts[hunk.Start1];
            var oldEnd = oldLines.Starts[hunk.End1];
            var newStart = newLines.Starts[hunk.Start2];
            var newEnd = newLines.Starts[hunk.End2];
            var (head, tail) = CommonEnds(oldLines.Text, oldStart, oldEnd, newLines.Text, newStart, newEnd);
            changes.Add(new TextChange(
                prefix + oldStart + head,
                prefix + oldEnd - tail,
                newLines.Text.Substring(newStart + head, newEnd - newStart - head - tail)));
        }

        return Of(before.Length, changes);
    }

    /// <summary>The common prefix and suffix of two ranges, never cutting a surrogate pair and never overlapping.</summary>
    internal static (int Prefix, int Suffix) CommonEnds(string a, int aStart, int aEnd, string b, int bStart, int bEnd)
    {
        var prefix = a.AsSpan(aStart, aEnd - aStart).CommonPrefixLength(b.AsSpan(bStart, bEnd - bStart));
        if (prefix > 0 && char.IsHighSurrogate(a[aStart + prefix - 1]))
        {
            prefix--;
        }

        var max = Math.Min(aEnd - aStart, bEnd - bStart) - prefix;
        var suffix = 0;
        while (suffix < max && a[aEnd - 1 - suffix] == b[bEnd - 1 - suffix])
        {
            suffix++;
        }

        if (suffix > 0 && char.IsLowSurrogate(a[aEnd - suffix]))
        {
            suffix--;
        }

        return (prefix, suffix);
    }

    private static bool SplitsPair(string text, int position) =>
        position > 0 && position < text.Length && char.IsHighSurrogate(text[position - 1]) && char.IsLowSurrogate(text[position]);

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
