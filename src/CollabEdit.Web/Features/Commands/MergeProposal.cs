using System.Text;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// The merge a 409 proposes: the refused save merged onto the current version by the engine, prose mode (documents
/// are Markdown or text), with git's markers labelled by version where it conflicts.
/// </summary>
public static class MergeProposal
{
    /// <summary>
    /// How long a 409 may spend merging for its proposal. A merge of two edits of a 1 MB text takes milliseconds;
    /// two unrelated 1 MB texts could take longer, and a 409 must stay cheap: the client can always merge the
    /// linked revisions itself.
    /// </summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);

    /// <summary>The proposal, or null when there is none to make (changes that do not fit the base, or out of time).</summary>
    /// <param name="baseText">The text of the version the save started from.</param>
    /// <param name="command">The refused save: its whole content, or its changes to the base.</param>
    /// <param name="currentText">The text of the current version.</param>
    /// <param name="baseVersion">The version the save started from (named in the markers).</param>
    /// <param name="currentVersion">The current version (named in the markers).</param>
    /// <param name="limits">The inline limit: a merged text above it is counted but not sent.</param>
    /// <param name="cancellationToken">The request's.</param>
    public static ProposedMerge? Of(
        string baseText, SaveDocumentCommand command, string currentText, int baseVersion, int currentVersion, DocumentLimits limits, CancellationToken cancellationToken)
    {
        // A change-only save is read against the base it names; changes that do not fit it propose nothing.
        var mine = command.Content ?? (command.Changes is { } edits && edits.Length == baseText.Length ? edits.Apply(baseText) : null);
        if (mine is null)
        {
            return null;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(MaxTime);
        try
        {
            var labels = new ConflictLabels($"your edit of v{baseVersion}", $"v{baseVersion}", $"v{currentVersion} (current)");
            var (text, conflicts) = ThreeWayMerge.MergeWithMarkers(baseText, mine, currentText, labels, diff3: false, prose: true, budget.Token);
            return new ProposedMerge(Encoding.UTF8.GetByteCount(text) <= limits.MaxInlineConflictContentBytes ? text : null, conflicts);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
