using System.Text;

namespace CollabEdit.Merging;

/// <summary>Turns a merge with conflicts into a text, given one choice per conflict.</summary>
public static class MergeResolution
{
    /// <summary>
    /// The merged text with each conflict replaced as chosen. When a side lacks a final newline and another
    /// text follows it (mine then theirs, say), a newline is put between them so that lines never fuse.
    /// </summary>
    /// <param name="result">The merge.</param>
    /// <param name="choices">One choice per conflict, in order.</param>
    /// <exception cref="ArgumentException">The number of choices is not the number of conflicts, or a custom choice has no text.</exception>
    public static string Resolve(MergeResult result, IReadOnlyList<ConflictChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.Count != result.Counts.Conflicts)
        {
            throw new ArgumentException($"The merge has {result.Counts.Conflicts} conflicts but {choices.Count} choices were given.", nameof(choices));
        }

        var text = new StringBuilder();
        foreach (var chunk in result.Chunks)
        {
            if (chunk.Kind != MergeChunkKind.Conflict)
            {
                text.Append(chunk.Merged);
                continue;
            }

            text.Append(ResolveConflict(chunk, choices[chunk.ConflictIndex!.Value]));
        }

        return text.ToString();
    }

    /// <summary>The text that replaces one conflict under one choice.</summary>
    /// <param name="conflict">The conflict.</param>
    /// <param name="choice">What to put in its place.</param>
    /// <exception cref="ArgumentException">A custom choice has no text.</exception>
    public static string ResolveConflict(MergeChunk conflict, ConflictChoice choice)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        ArgumentNullException.ThrowIfNull(choice);
        return choice.Kind switch
        {
            ConflictChoiceKind.Mine => conflict.Mine,
            ConflictChoiceKind.Theirs => conflict.Theirs,
            ConflictChoiceKind.Base => conflict.Base,
            ConflictChoiceKind.MineThenTheirs => Joined(conflict.Mine, conflict.Theirs),
            ConflictChoiceKind.TheirsThenMine => Joined(conflict.Theirs, conflict.Mine),
            _ => choice.CustomText ?? throw new ArgumentException("A custom choice needs its text.", nameof(choice)),
        };
    }

    private static string Joined(string first, string second)
    {
        if (first.Length == 0 || second.Length == 0 || first[^1] == '\n')
        {
            return first + second;
        }

        // Keep the texts' own line-ending style.
        var newline = first.Contains("\r\n", StringComparison.Ordinal) || second.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        return first + newline + second;
    }
}
