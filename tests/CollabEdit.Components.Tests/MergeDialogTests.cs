using CollabEdit.Merging;
using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Editing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CollabEdit.Components.Tests;

/// <summary>The merge dialog opened as the page opens it: through IDialogService into a rendered MudDialogProvider.</summary>
public sealed class MergeDialogTests : ComponentTestContext
{
    // Three conflicts: lines 1, 12 and 24 changed on both sides, far enough apart not to be joined.
    private static readonly string Base = Lines(i => $"line {i}");
    private static readonly string Mine = Lines(i => i is 1 or 12 or 24 ? $"LINE {i} mine" : $"line {i}");
    private static readonly string Theirs = Lines(i => i is 1 or 12 or 24 ? $"LINE {i} theirs" : $"line {i}");

    private readonly List<MergeSession> _saved = [];

    [Fact]
    public async Task ChoosingEveryConflictEnablesSaveAndSavingClosesTheDialog()
    {
        var (provider, dialog) = await OpenAsync(new MergeSession(Base, 1, Mine, Theirs, 2, "Ana"));
        var save = () => provider.Find("[data-testid=merge-save]");
        Assert.True(save().HasAttribute("disabled"));
        Assert.Equal("3 unresolved", provider.Find("[data-testid=unresolved-count]").TextContent.Trim());

        foreach (var conflict in provider.FindAll("[data-testid=conflict]").Select((_, i) => i).ToList())
        {
            provider.FindAll("[data-testid=conflict]")[conflict].QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Take theirs").Click();
        }

        Assert.Equal("0 unresolved", provider.Find("[data-testid=unresolved-count]").TextContent.Trim());
        Assert.False(save().HasAttribute("disabled"));
        await save().ClickAsync(new());

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        Assert.Equal(Theirs, Assert.Single(_saved).ResultText());
        Assert.Empty(provider.FindAll("[data-testid=merge-dialog]"));
    }

    [Fact]
    public async Task NextAndPreviousMoveBetweenConflicts()
    {
        var (provider, _) = await OpenAsync(new MergeSession(Base, 1, Mine, Theirs, 2, "Ana"));

        provider.Find("[data-testid=next-conflict]").Click();
        provider.Find("[data-testid=next-conflict]").Click();
        Assert.Equal("Conflict 3 of 3", provider.Find("[data-testid=conflict-position]").TextContent.Trim());
        Assert.True(provider.Find("[data-testid=next-conflict]").HasAttribute("disabled"));
        provider.Find("[data-testid=previous-conflict]").Click();

        Assert.Equal("Conflict 2 of 3", provider.Find("[data-testid=conflict-position]").TextContent.Trim());
        Assert.Contains("ce-current", provider.FindAll("[data-testid=conflict]")[1].ClassList);
    }

    [Fact]
    public async Task MineForTheRestResolvesOnlyWhatIsStillOpen()
    {
        var session = new MergeSession(Base, 1, Mine, Theirs, 2, "Ana");
        var (provider, _) = await OpenAsync(session);

        provider.FindAll("[data-testid=conflict]")[0].QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Take theirs").Click();
        provider.Find("[data-testid=rest-mine]").Click();

        Assert.Equal(Lines(i => i switch { 1 => "LINE 1 theirs", 12 or 24 => $"LINE {i} mine", _ => $"line {i}" }), session.ResultText());
        Assert.Equal("true", provider.FindAll("[data-testid=conflict]")[0].QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Take theirs").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task ATitleConflictMustBeResolvedBeforeSaving()
    {
        var session = new MergeSession("a\n", 1, "a\n", "a\n", 2, "Ana", new TitleVersions("Plan", "Plan (mine)", "Plan (theirs)"));
        var (provider, _) = await OpenAsync(session);
        Assert.True(provider.Find("[data-testid=merge-save]").HasAttribute("disabled"));
        Assert.Equal("Plan (mine)", provider.Find("[data-testid=title-mine]").TextContent);

        provider.Find("[data-testid=title-conflict]").QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Take their title").Click();

        Assert.Equal("Plan (theirs)", session.ResultTitle);
        Assert.False(provider.Find("[data-testid=merge-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task CancelClosesTheDialogAndSavesNothing()
    {
        var (provider, dialog) = await OpenAsync(new MergeSession(Base, 1, Mine, Theirs, 2, "Ana"));

        provider.Find("[data-testid=merge-cancel]").Click();

        Assert.True((await dialog.Result)!.Canceled);
        Assert.Empty(_saved);
    }

    [Fact]
    public async Task ASaveThatMeetsANewerVersionKeepsTheDialogOpenOnTheRebasedMerge()
    {
        var session = new MergeSession(Base, 1, Mine, Theirs, 2, "Ana");
        session.Choose(0, ConflictChoice.Mine);
        session.Choose(1, ConflictChoice.Mine);
        session.Choose(2, ConflictChoice.Mine);
        var rebased = session.Rebase(Theirs.Replace("line 6\n", "line 6 by Cy\n", StringComparison.Ordinal), 3, "Cy");
        var (provider, _) = await OpenAsync(session, _ => Task.FromResult<MergeSession?>(rebased));

        await provider.Find("[data-testid=merge-save]").ClickAsync(new());

        Assert.Contains("v3", provider.Find("[data-testid=merge-save]").TextContent, StringComparison.Ordinal);
        Assert.Single(provider.FindAll("[data-testid=merge-dialog]"));
    }

    [Fact]
    public async Task LongUnchangedStretchesAreCollapsedUntilAsked()
    {
        var lines = string.Concat(Enumerable.Range(1, 40).Select(i => $"line {i}\n"));
        var session = new MergeSession("top\n" + lines, 1, "top mine\n" + lines, "top\n" + lines + "end theirs\n", 2, "Ana");
        var (provider, _) = await OpenAsync(session);
        Assert.DoesNotContain("line 20\n", provider.Find("[data-testid=merge-dialog] .ce-merge-body").TextContent, StringComparison.Ordinal);

        provider.Find("[data-testid=expand]").Click();

        Assert.Contains("line 20\n", provider.Find("[data-testid=merge-dialog] .ce-merge-body").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACombinedParagraphIsShownForCheckingAndCanBeTurnedBackIntoAConflict()
    {
        // Line 5: different words of one paragraph (combined); line 20: the same word (a conflict).
        var @base = Lines(i => i == 5 ? "The cat sat on the mat while rain fell outside." : i == 20 ? "Total: 10" : $"line {i}");
        var mine = @base.Replace("the mat", "the red mat", StringComparison.Ordinal).Replace("Total: 10", "Total: 11", StringComparison.Ordinal);
        var theirs = @base.Replace("rain fell", "snow fell", StringComparison.Ordinal).Replace("Total: 10", "Total: 12", StringComparison.Ordinal);
        var (provider, _) = await OpenAsync(new MergeSession(@base, 1, mine, theirs, 2, "Ana"));

        var combined = provider.Find("[data-testid=combined]");
        Assert.Contains("Combined automatically: check", combined.TextContent, StringComparison.Ordinal);
        Assert.Equal("The cat sat on the red mat while snow fell outside.\n", combined.QuerySelector("[data-testid=combined-text]")!.TextContent);
        Assert.Contains("1 place you both changed was combined", provider.Find("[data-testid=combined-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 unresolved", provider.Find("[data-testid=unresolved-count]").TextContent.Trim());
        provider.Find("[data-testid=conflict]").QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Take mine").Click();
        Assert.Equal("0 unresolved", provider.Find("[data-testid=unresolved-count]").TextContent.Trim());

        provider.Find("[data-testid=uncombine]").Click();

        // The paragraph is now conflict 1 of 2, open; the choice made for the other conflict stays.
        Assert.Empty(provider.FindAll("[data-testid=combined]"));
        var conflicts = provider.FindAll("[data-testid=conflict]");
        Assert.Equal(2, conflicts.Count);
        Assert.Contains("the red mat", conflicts[0].QuerySelector("[data-testid=conflict-mine]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not resolved yet", conflicts[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Resolved: mine", conflicts[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("1 unresolved", provider.Find("[data-testid=unresolved-count]").TextContent.Trim());
    }

    [Fact]
    public async Task EditShowsTheParagraphWithoutItsLineEndingSoRetypingItKeepsTheNextParagraphApart()
    {
        const string Base = "# Trip\n\nWe go by train.\n\nBring boots.\n";
        var session = new MergeSession(Base, 1, Base.Replace("by train", "by bus", StringComparison.Ordinal), Base.Replace("by train", "by car", StringComparison.Ordinal), 2, "Ana");
        var (provider, _) = await OpenAsync(session);

        provider.Find("[data-testid=edit-conflict]").Click();
        var box = provider.Find("[data-testid=custom-text]");
        Assert.Equal("We go by bus.", box.GetAttribute("value"));

        // Select all and retype, as a person does: the whole box is replaced.
        box.Input("We go by bike.");
        provider.Find("[data-testid=use-custom]").Click();

        Assert.Equal("# Trip\n\nWe go by bike.\n\nBring boots.\n", session.ResultText());
    }

    [Fact]
    public async Task ReopeningEditShowsTheTextAlreadyWrittenNotMine()
    {
        var session = new MergeSession(Base, 1, Mine, Theirs, 2, "Ana");
        var (provider, _) = await OpenAsync(session);
        provider.FindAll("[data-testid=edit-conflict]")[0].Click();
        provider.Find("[data-testid=custom-text]").Input("LINE 1 written by hand");
        provider.Find("[data-testid=use-custom]").Click();
        Assert.Empty(provider.FindAll("[data-testid=custom-text]"));

        provider.FindAll("[data-testid=edit-conflict]")[0].Click();

        Assert.Equal("LINE 1 written by hand", provider.Find("[data-testid=custom-text]").GetAttribute("value"));
        Assert.StartsWith("LINE 1 written by hand\nline 2\n", session.Preview(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyingEditRemovesTheLinesWithoutLeavingABlankLine()
    {
        var session = new MergeSession(Base, 1, Mine, Theirs, 2, "Ana");
        var (provider, _) = await OpenAsync(session);
        provider.FindAll("[data-testid=edit-conflict]")[0].Click();

        provider.Find("[data-testid=custom-text]").Input("");
        provider.Find("[data-testid=use-custom]").Click();

        Assert.StartsWith("line 2\n", session.Preview(), StringComparison.Ordinal);
    }

    private static string Lines(Func<int, string> line) => string.Concat(Enumerable.Range(1, 30).Select(i => line(i) + "\n"));

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(
        MergeSession session, Func<MergeSession, Task<MergeSession?>>? save = null)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<MergeDialog>
        {
            { d => d.Session, session },
            {
                d => d.Save, save ?? (merged =>
                {
                    _saved.Add(merged);
                    return Task.FromResult<MergeSession?>(null);
                })
            },
        };
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<MergeDialog>("Merge", parameters));
        return (provider, dialog);
    }
}
