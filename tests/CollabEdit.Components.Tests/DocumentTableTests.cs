using CollabEdit.Web.Components.Documents;
using CollabEdit.Web.Features.Documents;
using MudBlazor;

namespace CollabEdit.Components.Tests;

/// <summary>The documents table against a list served page by page, as the documents core serves it.</summary>
public sealed class DocumentTableTests : ComponentTestContext
{
    private readonly HashSet<Guid> _viewerOf = [];
    private readonly List<Document> _documents = Enumerable.Range(1, 30).Select(i => new Document
    {
        Id = Guid.NewGuid(), Slug = $"doc-{i}", Title = $"Document {i:D2}", CurrentVersion = i, UpdatedBy = "Ana",
        UpdatedAt = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i),
    }).ToList();

    private readonly List<DocumentQuery> _queries = [];
    private readonly List<(Document Document, bool Archive)> _changes = [];
    private readonly List<(string Message, bool Failed)> _messages = [];

    [Fact]
    public void TheFirstPageIsAskedOfTheServerNewestChangeFirstAndThePagerCountsAll()
    {
        var table = RenderTable();

        table.WaitForAssertion(() => Assert.Equal(25, table.FindAll("tbody tr").Count));
        var query = Assert.Single(_queries);
        Assert.Equal((0, 25, DocumentSort.Updated, true, DocumentStateFilter.Active), (query.Skip, query.Take, query.Sort, query.Descending, query.State));
        Assert.Contains("Document 30", table.FindAll("tbody tr")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1-25 of 30", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SortingByTitleAsksTheServerForThatOrder()
    {
        var table = RenderTable();
        table.WaitForAssertion(() => Assert.NotEmpty(_queries));

        table.FindAll(".mud-table-sort-label").First(l => l.TextContent.Contains("Title", StringComparison.Ordinal)).Click();

        table.WaitForAssertion(() => Assert.Equal((DocumentSort.Title, false), (_queries[^1].Sort, _queries[^1].Descending)));
        Assert.Contains("Document 01", table.FindAll("tbody tr")[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ArchivingARowTellsTheUserAndReloads()
    {
        var table = RenderTable();
        table.WaitForAssertion(() => Assert.NotEmpty(table.FindAll("[data-testid=archive]")));
        var asked = _queries.Count;

        table.FindAll("[data-testid=archive]")[0].Click();

        table.WaitForAssertion(() => Assert.True(_queries.Count > asked));
        Assert.Equal(("Document 30", true), (_changes.Single().Document.Title, _changes.Single().Archive));
        Assert.Contains("archived", _messages.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TitlesAreTextNeverMarkup()
    {
        _documents[^1].Title = "<script>alert(1)</script> plans";

        var table = RenderTable();

        table.WaitForAssertion(() => Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; plans", table.Markup, StringComparison.Ordinal));
        Assert.Empty(table.FindAll("tbody script"));
    }

    [Fact]
    public void ASearchWithNoMatchSaysSo()
    {
        var table = RenderTable(search: "nothing like it");

        table.WaitForAssertion(() => Assert.Equal("No document matches.", table.Find("[data-testid=no-documents]").TextContent));
        Assert.Equal("nothing like it", _queries[^1].Search);
    }

    [Fact]
    public void AViewersRowShowsTheRoleAndNoArchiveButton()
    {
        var newest = _documents.MaxBy(d => d.UpdatedAt)!;
        _viewerOf.Add(newest.Id);

        var table = RenderTable();

        table.WaitForAssertion(() => Assert.Equal(25, table.FindAll("tr.ce-document-row").Count));
        var row = table.FindAll("tr.ce-document-row")[0];
        Assert.Contains(newest.Title, row.TextContent, StringComparison.Ordinal);
        Assert.Equal("viewer", row.QuerySelector("[data-testid=role]")!.TextContent.Trim());
        Assert.Null(row.QuerySelector("[data-testid=archive]"));
        Assert.NotNull(table.FindAll("tr.ce-document-row")[1].QuerySelector("[data-testid=archive]"));
    }

    [Fact]
    public void ALockedDocumentShowsALockNamingWhoLockedItAndWhen()
    {
        var now = _documents[^1].UpdatedAt.AddMinutes(10);
        _documents[^1].LockedAt = now.AddMinutes(-5);
        _documents[^1].LockedBy = "Ana";

        var table = RenderTable(now: now);

        table.WaitForAssertion(() => Assert.Equal(25, table.FindAll("tbody tr").Count));
        var rows = table.FindAll("tbody tr");
        var locked = Assert.Single(table.FindAll("[data-testid=locked]"));
        Assert.Equal("Locked by Ana 5 min ago", locked.GetAttribute("aria-label"));
        Assert.Single(rows[0].QuerySelectorAll("[data-testid=locked]"));
        Assert.Empty(rows[1].QuerySelectorAll("[data-testid=locked]"));
    }

    [Fact]
    public void EveryChoiceInTheTableHasANameAScreenReaderCanSay()
    {
        var table = RenderTable();
        table.WaitForAssertion(() => Assert.Equal(25, table.FindAll("tbody tr").Count));

        // Lighthouse and axe: an ARIA input field (the pager's rows-per-page choice) needs an accessible name.
        var unnamed = table.FindAll("[role=combobox], [role=listbox], [role=textbox], [role=spinbutton]")
            .Where(field => string.IsNullOrWhiteSpace(field.GetAttribute("aria-label")) && string.IsNullOrWhiteSpace(field.GetAttribute("aria-labelledby")))
            .Select(field => field.OuterHtml)
            .ToList();
        Assert.True(unnamed.Count == 0, "Without a name:\n" + string.Join("\n", unnamed));
    }

    private IRenderedComponent<DocumentTable> RenderTable(string? search = null, DateTime? now = null)
    {
        Render<MudPopoverProvider>();
        return Render<DocumentTable>(p => p
            .Add(c => c.Load, LoadAsync)
            .Add(c => c.ChangeState, (document, archive) =>
            {
                _changes.Add((document, archive));
                return Task.FromResult<string?>(null);
            })
            .Add(c => c.OnMessage, message => _messages.Add(message))
            .Add(c => c.Search, search)
            .Add(c => c.Now, () => now ?? DateTime.UtcNow));
    }

    private Task<DocumentListPage> LoadAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        _queries.Add(query);
        IEnumerable<Document> matching = _documents.Where(d => query.Search is null || d.Title.Contains(query.Search, StringComparison.OrdinalIgnoreCase));
        matching = (query.Sort, query.Descending) switch
        {
            (DocumentSort.Title, false) => matching.OrderBy(d => d.Title, StringComparer.Ordinal),
            (DocumentSort.Title, true) => matching.OrderByDescending(d => d.Title, StringComparer.Ordinal),
            (_, false) => matching.OrderBy(d => d.UpdatedAt),
            _ => matching.OrderByDescending(d => d.UpdatedAt),
        };
        var all = matching.ToList();
        var page = all.Skip(query.Skip).Take(query.Take).ToList();
        return Task.FromResult(new DocumentListPage(page, all.Count, page.ToDictionary(d => d.Id, d => _viewerOf.Contains(d.Id) ? DocumentRole.Viewer : DocumentRole.Owner)));
    }
}
