using System.Collections.Immutable;
using DiffPlex;

namespace CollabEdit.Merging;

/// <summary>Word-level differences, for highlighting inside a conflict or a side-by-side view.</summary>
public static class WordDiff
{
    private static readonly Differ Differ = new();

    /// <summary>Each side of a conflict against base, word by word.</summary>
    /// <param name="conflict">A chunk of kind <see cref="MergeChunkKind.Conflict"/> (any chunk works).</param>
    public static ConflictWords ForConflict(MergeChunk conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var mine = Compare(conflict.Base, conflict.Mine);
        var theirs = Compare(conflict.Base, conflict.Theirs);
        return new ConflictWords(mine.New, theirs.New, mine.Old, theirs.Old);
    }

    /// <summary>Both texts cut into segments, with the words that differ marked on each side.</summary>
    /// <param name="oldText">The earlier text.</param>
    /// <param name="newText">The later text.</param>
    /// <remarks>
    /// Word diffs cost up to (words × differences): above <see cref="MaxWords"/> words on both sides together the
    /// texts are compared line by line instead (whole changed lines marked) with the engine's bounded line diff,
    /// so that no input can make a comparison take seconds.
    /// </remarks>
    public static (ImmutableArray<WordSegment> Old, ImmutableArray<WordSegment> New) Compare(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        if (CountTokens(oldText, MaxWords) + CountTokens(newText, MaxWords) > MaxWords)
        {
            return CompareLines(oldText, newText);
        }

        var diff = Differ.CreateCustomDiffs(oldText, newText, false, Tokenize);
        var oldChanged = new bool[diff.PiecesOld.Count];
        var newChanged = new bool[diff.PiecesNew.Count];
        foreach (var block in diff.DiffBlocks)
        {
            Array.Fill(oldChanged, true, block.DeleteStartA, block.DeleteCountA);
            Array.Fill(newChanged, true, block.InsertStartB, block.InsertCountB);
        }

        return (Segments(diff.PiecesOld, oldChanged), Segments(diff.PiecesNew, newChanged));
    }

    /// <summary>Above this many words, white-space runs and punctuation marks (both sides together), changes are marked by whole lines.</summary>
    public const int MaxWords = 6_000;

    /// <summary>The coarser highlighting: whole lines that differ, found with the bounded line diff.</summary>
    private static (ImmutableArray<WordSegment> Old, ImmutableArray<WordSegment> New) CompareLines(string oldText, string newText)
    {
        var comparison = LineComparison.Of(oldText, newText);
        var oldChanged = new bool[comparison.OldLines.Length];
        var newChanged = new bool[comparison.NewLines.Length];
        foreach (var hunk in comparison.Hunks)
        {
            Array.Fill(oldChanged, true, hunk.OldStart, hunk.OldCount);
            Array.Fill(newChanged, true, hunk.NewStart, hunk.NewCount);
        }

        return (Segments(comparison.OldLines, oldChanged), Segments(comparison.NewLines, newChanged));
    }

    /// <summary>The number of tokens <see cref="Tokenize"/> would make, counting no further than <paramref name="limit"/> + 1.</summary>
    private static int CountTokens(string text, int limit)
    {
        var count = 0;
        for (var i = 0; i < text.Length && count <= limit; count++)
        {
            i = TokenEnd(text, i);
        }

        return count;
    }

    /// <summary>Words, runs of white space and single punctuation marks, so that the pieces rebuild the text exactly.</summary>
    internal static string[] Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = TokenEnd(text, start);
            tokens.Add(text[start..end]);
            start = end;
        }

        return [.. tokens];
    }

    /// <summary>Where the token starting at <paramref name="start"/> ends: a word, a run of white space (ending after a line break) or one punctuation mark.</summary>
    private static int TokenEnd(string text, int start)
    {
        var kind = Kind(text[start]);
        var end = start + 1;
        if (kind != TokenKind.Punctuation)
        {
            while (end < text.Length && Kind(text[end]) == kind && !(kind == TokenKind.Space && text[end - 1] == '\n'))
            {
                end++;
            }
        }

        return end;
    }

    private enum TokenKind
    {
        Word,
        Space,
        Punctuation,
    }

    private static TokenKind Kind(char c) =>
        char.IsLetterOrDigit(c) || c == '_' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            ? TokenKind.Word
            : char.IsWhiteSpace(c) ? TokenKind.Space : TokenKind.Punctuation;

    /// <summary>Neighbouring pieces with the same mark are joined, so a view gets few, long runs.</summary>
    private static ImmutableArray<WordSegment> Segments(IReadOnlyList<string> pieces, bool[] changed)
    {
        var segments = ImmutableArray.CreateBuilder<WordSegment>();
        var run = new System.Text.StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0 && changed[i] != changed[i - 1])
            {
                segments.Add(new WordSegment(run.ToString(), changed[i - 1]));
                run.Clear();
            }

            run.Append(pieces[i]);
        }

        if (run.Length > 0)
        {
            segments.Add(new WordSegment(run.ToString(), changed[^1]));
        }

        return segments.ToImmutable();
    }
}
