using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>
/// An edit rebased onto a newer version of the text it was made on (see <see cref="Rebase"/>).
/// </summary>
/// <param name="OnTheirs">Turns the newer version's text into the rebased text: what is stored as the next version.</param>
/// <param name="OnMine">Turns the edited text (base plus mine) into the rebased text: what the editor that made the edit applies.</param>
/// <param name="Conflicts">Where both changed the same words, in order, positioned in the rebased text (which holds theirs there).</param>
public sealed record RebaseResult(ChangeSet OnTheirs, ChangeSet OnMine, ImmutableArray<RebaseConflict> Conflicts)
{
    /// <summary>Whether every change of mine went in.</summary>
    public bool IsClean => Conflicts.IsEmpty;
}
