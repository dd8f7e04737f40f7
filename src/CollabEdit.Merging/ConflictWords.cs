using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>A conflict's two sides, each cut into segments with its changes against base marked.</summary>
/// <param name="Mine">Mine, with what mine changed from base marked.</param>
/// <param name="Theirs">Theirs, with what theirs changed from base marked.</param>
/// <param name="BaseAgainstMine">Base, with what mine removed or replaced marked.</param>
/// <param name="BaseAgainstTheirs">Base, with what theirs removed or replaced marked.</param>
public sealed record ConflictWords(
    ImmutableArray<WordSegment> Mine,
    ImmutableArray<WordSegment> Theirs,
    ImmutableArray<WordSegment> BaseAgainstMine,
    ImmutableArray<WordSegment> BaseAgainstTheirs);
