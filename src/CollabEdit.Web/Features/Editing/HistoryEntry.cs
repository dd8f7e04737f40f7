using System.Globalization;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// One line of the history panel: a single version, or the versions one person saved in one sitting (autosaves),
/// newest first, shown as one expandable entry.
/// </summary>
public sealed record HistoryEntry(IReadOnlyList<RevisionInfo> Revisions)
{
    public RevisionInfo Newest => Revisions[0];

    public RevisionInfo Oldest => Revisions[^1];

    public string Author => Newest.Author;

    /// <summary>More than one version: shown folded, as "Ana, 10:02–10:15, 37 versions".</summary>
    public bool IsGroup => Revisions.Count > 1;

    /// <summary>Stays the same while the sitting goes on (new versions join at the newest end), so an opened group stays open.</summary>
    public int Key => Oldest.Version;

    /// <summary>The two versions whose comparison shows what the sitting changed: the one before it, and its last.</summary>
    public (int From, int To) Changes => (Math.Max(1, Oldest.Version - 1), Newest.Version);

    /// <summary>"Ana, 10:02–10:15, 37 versions", the times in the reader's zone.</summary>
    public string Describe(TimeZoneInfo zone) =>
        $"{Author}, {Time(Oldest.CreatedAt, zone)}–{Time(Newest.CreatedAt, zone)}, {Revisions.Count.ToString("N0", CultureInfo.InvariantCulture)} versions";

    /// <summary>"v2–v38 · 2026-12-07" (both days when the sitting went past midnight).</summary>
    public string Span(TimeZoneInfo zone)
    {
        var first = Day(Oldest.CreatedAt, zone);
        var last = Day(Newest.CreatedAt, zone);
        return $"v{Oldest.Version}–v{Newest.Version} · {(first == last ? first : $"{first} – {last}")}";
    }

    private static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
