using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using MudBlazor;
using Microsoft.AspNetCore.Components;

namespace CollabEdit.Web.Components.Documents;

/// <summary>
/// The documents list: a table paged, sorted and searched on the server (nothing silently stops at a fixed count),
/// active or archived, with archive and restore on each row. Data and actions come in as delegates, so the table
/// is the same whatever serves it.
/// </summary>
public partial class DocumentTable
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];
    private MudTable<Document>? _table;
    private bool _archived;
    private bool _loading;
    private IReadOnlyDictionary<Guid, DocumentRole> _roles = new Dictionary<Guid, DocumentRole>();

    /// <summary>Loads one page of documents.</summary>
    [Parameter, EditorRequired]
    public Func<DocumentQuery, CancellationToken, Task<DocumentListPage>> Load { get; set; } = default!;

    /// <summary>Archives (true) or restores (false) a document; returns why it could not, or null.</summary>
    [Parameter, EditorRequired]
    public Func<Document, bool, Task<string?>> ChangeState { get; set; } = default!;

    /// <summary>Called with a message for the user after an action (done, or why not).</summary>
    [Parameter]
    public EventCallback<(string Message, bool Failed)> OnMessage { get; set; }

    [Parameter]
    public string? Search { get; set; }

    [Parameter]
    public EventCallback<string?> SearchChanged { get; set; }

    /// <summary>Shows times in the reader's zone.</summary>
    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    [Parameter]
    public Func<DateTime> Now { get; set; } = () => DateTime.UtcNow;

    public Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<TableData<Document>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        _loading = true;
        try
        {
            var sort = Enum.TryParse<DocumentSort>(state.SortLabel, out var label) ? label : DocumentSort.Updated;
            var descending = state.SortDirection switch
            {
                SortDirection.Ascending => false,
                SortDirection.Descending => true,
                _ => sort == DocumentSort.Updated,
            };
            var query = new DocumentQuery(state.Page * state.PageSize, state.PageSize, Search,
                _archived ? DocumentStateFilter.Archived : DocumentStateFilter.Active, sort, descending);
            var page = await Load(query, cancellationToken);
            _roles = page.Roles;
            return new TableData<Document> { Items = page.Items, TotalItems = page.Total };
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task SearchChangedAsync(string? search)
    {
        Search = search;
        await SearchChanged.InvokeAsync(search);
        await ReloadAsync();
    }

    private async Task ArchivedChangedAsync(bool archived)
    {
        _archived = archived;
        await ReloadAsync();
    }

    private async Task ChangeStateAsync(Document document, bool archive)
    {
        var problem = await ChangeState(document, archive);
        await OnMessage.InvokeAsync(problem is null
            ? ($"\u201c{document.Title}\u201d {(archive ? "archived. Find it under Archived." : "restored.")}", false)
            : (problem, true));
        await ReloadAsync();
    }

    /// <summary>Only owners archive and restore (the documents core says so too; this only hides what would be refused).</summary>
    private bool IsOwner(Document document) => _roles.TryGetValue(document.Id, out var role) && role == DocumentRole.Owner;

    private DocumentRole? RoleOf(Document document) => _roles.TryGetValue(document.Id, out var role) ? role : null;

    private string LocalTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"Locked by Ana 5 min ago": the lock icon's name and tooltip.</summary>
    private string LockedText(Document document) => OutcomeWords.LockedText(document, Now());
}
