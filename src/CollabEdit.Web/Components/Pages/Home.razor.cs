using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Pages;

/// <summary>The documents list: search by title, newest change first, archived ones behind a filter, and creation.</summary>
public partial class Home
{
    private IReadOnlyList<Document>? _documents;
    private string _search = "";
    private bool _archived;
    private string _newTitle = "";
    private string _newSlug = "";
    private string? _error;
    private string _author = DocumentRules.AnonymousAuthor;
    private bool _ready;

    [Inject]
    private DocumentService Documents { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "/assets/collabedit.js");
            _author = await module.InvokeAsync<string?>("getDisplayName") is { Length: > 0 } name ? name : DocumentRules.AnonymousAuthor;
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        var query = new DocumentQuery(0, Paging.MaxTake, _search, _archived ? DocumentStateFilter.Archived : DocumentStateFilter.Active);
        _documents = (await Documents.ListAsync(query, CancellationToken.None)).Items;
    }

    private async Task CreateAsync()
    {
        var command = new CreateDocumentCommand(_newTitle, string.IsNullOrWhiteSpace(_newSlug) ? null : _newSlug, "", new DocumentActor(_author, Agent: "editor"));
        switch (await Documents.CreateAsync(command, CancellationToken.None))
        {
            case DocumentOutcome.Created created:
                Navigation.NavigateTo($"docs/{created.Document.Head.Slug}");
                break;
            case DocumentOutcome.SlugTaken taken:
                _error = $"The address '{taken.Slug}' is already used by another document. Choose another, or leave it empty.";
                break;
            case DocumentOutcome.Invalid invalid:
                _error = string.Join(" ", invalid.Errors.Values.SelectMany(e => e));
                break;
            default:
                _error = "The document could not be created. Try again.";
                break;
        }
    }
}
