using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// Folds a history of autosaves into what a person can read: consecutive versions by the same author, each saved
/// within <see cref="SittingGap"/> of the one before, form one <see cref="HistoryEntry"/>. The current version is
/// always an entry of its own, so what the editor shows is never hidden inside a folded group.
/// </summary>
public static class RevisionGrouping
{
    /// <summary>A pause longer than this starts a new sitting (a coffee, a meeting), even by the same person.</summary>
    public static readonly TimeSpan SittingGap = TimeSpan.FromMinutes(10);

    /// <param name="newestFirst">Revisions as the store lists them: newest first.</param>
    /// <param name="currentVersion">The version the editor shows (kept out of any group).</param>
    public static IReadOnlyList<HistoryEntry> Group(IReadOnlyList<RevisionInfo> newestFirst, int currentVersion) =>
        Group(newestFirst, currentVersion, SittingGap);

    public static IReadOnlyList<HistoryEntry> Group(IReadOnlyList<RevisionInfo> newestFirst, int currentVersion, TimeSpan gap)
    {
        var entries = new List<HistoryEntry>();
        var sitting = new List<RevisionInfo>();
        foreach (var revision in newestFirst)
        {
            if (sitting.Count > 0 && !SameSitting(sitting[^1], revision, currentVersion, gap))
            {
                entries.Add(new HistoryEntry(sitting));
                sitting = [];
            }

            sitting.Add(revision);
        }

        if (sitting.Count > 0)
        {
            entries.Add(new HistoryEntry(sitting));
        }

        return entries;
    }

    /// <summary>Whether <paramref name="older"/> (listed right after <paramref name="newer"/>) continues its sitting.</summary>
    private static bool SameSitting(RevisionInfo newer, RevisionInfo older, int currentVersion, TimeSpan gap) =>
        newer.Version != currentVersion
        && older.Version != currentVersion
        && string.Equals(newer.Author, older.Author, StringComparison.Ordinal)
        && newer.CreatedAt - older.CreatedAt < gap;
}
