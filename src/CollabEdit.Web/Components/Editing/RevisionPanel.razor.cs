using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Components;

namespace CollabEdit.Web.Components.Editing;

/// <summary>
/// The revision history of a document: list (one person's sitting of autosaves folded into one entry that opens),
/// view one, compare two side by side, restore one, read older pages.
/// </summary>
public partial class RevisionPanel
{
    private readonly List<int> _selected = [];

    /// <summary>The groups opened (by <see cref="HistoryEntry.Key"/>, which stays while the sitting grows).</summary>
    private readonly HashSet<int> _open = [];

    [Parameter, EditorRequired]
    public Guid DocumentId { get; set; }

    [Parameter, EditorRequired]
    public int CurrentVersion { get; set; }

    /// <summary>Who reads: the history is read through the documents core with this user's access.</summary>
    [Parameter, EditorRequired]
    public CollabEdit.Web.Features.Documents.DocumentActor Actor { get; set; } = default!;

    /// <summary>False while the editor has unsaved changes: restoring would replace them.</summary>
    [Parameter, EditorRequired]
    public bool CanRestore { get; set; }

    [Parameter, EditorRequired]
    public EventCallback<int> OnRestore { get; set; }

    /// <summary>Times are shown in the reader's zone.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    [Parameter]
    public Func<DateTime> Now { get; set; } = () => DateTime.UtcNow;

    [Inject]
    private RevisionHistory History { get; set; } = default!;

    protected override Task OnParametersSetAsync()
    {
        History.Actor = Actor;
        return History.LoadAsync(DocumentId, CancellationToken.None);
    }

    /// <summary>The rows shown: each entry, and the versions of the opened groups under theirs.</summary>
    private IEnumerable<HistoryRow> Rows()
    {
        foreach (var entry in RevisionGrouping.Group(History.Revisions, CurrentVersion))
        {
            if (!entry.IsGroup)
            {
                yield return new HistoryRow(null, entry.Newest, InGroup: false);
                continue;
            }

            yield return new HistoryRow(entry, null, InGroup: false);
            if (_open.Contains(entry.Key))
            {
                foreach (var revision in entry.Revisions)
                {
                    yield return new HistoryRow(null, revision, InGroup: true);
                }
            }
        }
    }

    private void ToggleGroup(int key)
    {
        if (!_open.Remove(key))
        {
            _open.Add(key);
        }
    }

    /// <summary>What a folded sitting changed as a whole: the version before it against its last.</summary>
    private Task CompareSittingAsync(HistoryEntry entry) => History.CompareAsync(DocumentId, entry.Changes.From, entry.Changes.To, CancellationToken.None);

    private Task LoadOlderAsync() => History.LoadOlderAsync(DocumentId, CancellationToken.None);

    private Task ShowAsync(int version) => History.ShowAsync(DocumentId, version, CancellationToken.None);

    private void Toggle(int version)
    {
        if (!_selected.Remove(version))
        {
            _selected.Add(version);
            if (_selected.Count > 2)
            {
                _selected.RemoveAt(0);
            }
        }
    }

    /// <summary>"Ana archived the document", "Ana made bo@example.org an editor"…</summary>
    private static string DescribeEvent(DocumentEvent recorded) => recorded.Kind switch
    {
        DocumentEventKind.Archived => $"{recorded.Actor} archived the document",
        DocumentEventKind.Restored => $"{recorded.Actor} restored the document",
        DocumentEventKind.Locked => $"{recorded.Actor} locked the document",
        DocumentEventKind.Unlocked => $"{recorded.Actor} unlocked the document",
        DocumentEventKind.AccessGranted => $"{recorded.Actor} gave {recorded.Subject} access as {RoleWord(recorded.Role)}",
        DocumentEventKind.AccessChanged => $"{recorded.Actor} made {recorded.Subject} {RoleWord(recorded.Role)}",
        _ => $"{recorded.Actor} removed {recorded.Subject}'s access",
    };

    private static string RoleWord(DocumentRole? role) => role switch
    {
        DocumentRole.Editor => "an editor",
        DocumentRole.Owner => "an owner",
        _ => "a viewer",
    };

    private static string EventIcon(DocumentEventKind kind) => kind switch
    {
        DocumentEventKind.Archived => MudBlazor.Icons.Material.Outlined.Archive,
        DocumentEventKind.Restored => MudBlazor.Icons.Material.Outlined.Unarchive,
        DocumentEventKind.Locked => MudBlazor.Icons.Material.Outlined.Lock,
        DocumentEventKind.Unlocked => MudBlazor.Icons.Material.Outlined.LockOpen,
        _ => MudBlazor.Icons.Material.Outlined.ManageAccounts,
    };

    private string LocalTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private Task CompareAsync() => History.CompareAsync(DocumentId, _selected[0], _selected[1], CancellationToken.None);

    /// <summary>A line of the table: a folded group's head, or one version (inside an opened group or on its own).</summary>
    private readonly record struct HistoryRow(HistoryEntry? Group, RevisionInfo? Revision, bool InGroup);
}
