using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Components.Tests;

/// <summary>The wrapper of the browser's editor: it mounts editor.js on its elements and passes on what the browser reports.</summary>
public sealed class CodeEditorTests : ComponentTestContext, IClassFixture<RealApp>
{
    public CodeEditorTests(RealApp app)
    {
        Services.AddSingleton(app.Services.GetRequiredService<CollabEdit.Web.Features.Commands.DocumentService>());
        Services.AddSingleton(app.Services.GetRequiredService<EditorUploads>());
    }

    [Fact]
    public void ItMountsTheEditorForItsDocumentAndReportsDirtinessAndTyping()
    {
        var module = JSInterop.SetupModule("/assets/editor.js");
        var documentId = Guid.NewGuid();
        IEditorSurface? surface = null;
        var dirty = new List<bool>();
        var typing = 0;

        var editor = Render<CodeEditor>(p => p
            .Add(c => c.DocumentId, documentId)
            .Add(c => c.OnReady, s => surface = s)
            .Add(c => c.OnDirtyChanged, d => dirty.Add(d))
            .Add(c => c.OnTyping, () => typing++)
            .Add(c => c.OnAutoSave, () => Task.FromResult(AutosaveAnswer.Done))
            .Add(c => c.OnConflictsChanged, _ => { }));
        editor.WaitForAssertion(() => Assert.NotNull(surface));
        editor.InvokeAsync(() => editor.Instance.DirtyChanged(true));
        editor.InvokeAsync(() => editor.Instance.Typing());

        var mount = module.VerifyInvoke("mount");
        Assert.Equal(documentId.ToString(), mount.Arguments[3]);
        Assert.Equal([true], dirty);
        Assert.Equal(1, typing);
        Assert.NotNull(editor.Find("#ce-title[data-testid=title]"));
        Assert.Null(editor.Find("#ce-title").GetAttribute("value"));
    }

    [Theory]
    [InlineData(AutosaveAnswer.Done, "done")]
    [InlineData(AutosaveAnswer.Retry, "retry")]
    public async Task ItPassesTheBrowsersAutosaveToThePageAndAnswersWhetherToTryAgain(AutosaveAnswer answer, string expected)
    {
        var module = JSInterop.SetupModule("/assets/editor.js");
        var handle = module.SetupModule("mount", _ => true);
        handle.Setup<bool>("autosaveOn").SetResult(false);
        IEditorSurface? surface = null;
        var saves = 0;
        var conflicts = new List<int>();

        var editor = Render<CodeEditor>(p => p
            .Add(c => c.DocumentId, Guid.NewGuid())
            .Add(c => c.OnReady, s => surface = s)
            .Add(c => c.OnDirtyChanged, _ => { })
            .Add(c => c.OnAutoSave, () => { saves++; return Task.FromResult(answer); })
            .Add(c => c.OnConflictsChanged, n => conflicts.Add(n)));
        editor.WaitForAssertion(() => Assert.NotNull(surface));

        Assert.False(surface!.AutosaveOn);
        Assert.Equal(expected, await editor.InvokeAsync(() => editor.Instance.AutoSave()));
        await editor.InvokeAsync(() => editor.Instance.ConflictsChanged(2));
        Assert.Equal(1, saves);
        Assert.Equal([2], conflicts);
    }
}
