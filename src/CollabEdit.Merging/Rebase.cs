namespace CollabEdit.Merging;

/// <summary>
/// Rebases an edit onto a newer version of the text it was made on, at the cost of what changed: changes of mine
/// that touch no word theirs touched are moved over theirs as they are; where both touched the same words, the
/// region is merged word by word (the prose three-way merge); what still conflicts keeps theirs and is reported.
/// </summary>
public static class Rebase
{
    /// <summary>Rebases <paramref name="mine"/> onto <paramref name="theirs"/>, two change sets to <paramref name="baseText"/>.</summary>
    /// <param name="baseText">The text both change sets apply to.</param>
    /// <param name="mine">The edit to rebase.</param>
    /// <param name="theirs">What turned the base into the newer version.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <exception cref="ArgumentException">A change set is not for a text of <paramref name="baseText"/>'s length.</exception>
    public static RebaseResult Of(string baseText, ChangeSet mine, ChangeSet theirs, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Being written on branch engine.");
}
