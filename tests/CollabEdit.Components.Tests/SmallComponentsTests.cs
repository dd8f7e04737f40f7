using CollabEdit.Web.Components.Documents;
using CollabEdit.Web.Components.Editing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CollabEdit.Components.Tests;

/// <summary>The create dialog and the name prompt, driven through their parameters and events.</summary>
public sealed class SmallComponentsTests : ComponentTestContext
{
    [Fact]
    public async Task TheCreateDialogShowsWhyADocumentWasNotCreatedAndClosesWithItsAddressWhenItWas()
    {
        var asked = new List<(string? Title, string? Slug)>();
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<CreateDocumentDialog>
        {
            {
                d => d.Create, (title, slug) =>
                {
                    asked.Add((title, slug));
                    return Task.FromResult<(string?, string?)>(slug == "taken" ? (null, "The address 'taken' is already used.") : ("trip-plan", null));
                }
            },
        };
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateDocumentDialog>("New document", parameters));

        provider.Find("[data-testid=new-title]").Input("Trip plan");
        provider.Find("[data-testid=new-slug]").Change("taken");
        provider.Find("#ce-create-form").Submit();
        Assert.Contains("already used", provider.Find("[data-testid=create-error]").TextContent, StringComparison.Ordinal);

        provider.Find("[data-testid=new-slug]").Change("");
        provider.Find("#ce-create-form").Submit();

        Assert.Equal("trip-plan", (await dialog.Result)!.Data);
        Assert.Equal([("Trip plan", "taken"), ("Trip plan", null)], asked);
    }

    [Fact]
    public async Task TheCreateDialogPutsTheCaretInTheTitleInOneStepSoThatNothingTakesItAwayMidWord()
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<CreateDocumentDialog> { { d => d.Create, (_, _) => Task.FromResult<(string?, string?)>((null, null)) } };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CreateDocumentDialog>("New document", parameters));

        // The dialog's focus trap focuses its first field; the field does not focus itself as well (the two raced,
        // and the trap's late focus took the caret out of a title being typed).
        Assert.Equal(DefaultFocus.FirstChild, provider.FindComponent<MudFocusTrap>().Instance.DefaultFocus);
        Assert.False(provider.Find("[data-testid=new-title]").HasAttribute("autofocus"));
    }

    [Fact]
    public void TheNamePromptHandsOverWhatWasTypedAndShowsWhyItWasRefused()
    {
        var given = new List<string?>();
        var prompt = Render<NamePrompt>(p => p.Add(c => c.OnSubmit, name => given.Add(name)).Add(c => c.Error, "A name may not contain control characters."));

        prompt.Find("#ce-name").Input("Ana");
        prompt.Find("form").Submit();

        Assert.Equal(["Ana"], given);
        Assert.Contains("control characters", prompt.Markup, StringComparison.Ordinal);
    }
}
