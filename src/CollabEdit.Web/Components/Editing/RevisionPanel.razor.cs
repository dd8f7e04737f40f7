using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Components;

namespace CollabEdit.Web.Components.Editing;

/// <summary>The revision history of a document: list, view one, compare two side by side, restore one.</summary>
public partial class RevisionPanel
{
    private readonly List<int> _selected = [];

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
}
