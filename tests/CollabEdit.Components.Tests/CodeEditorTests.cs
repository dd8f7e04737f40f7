using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
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
            .Add(c => c.OnTyping, () => typing++));
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

    [Fact]
    public void ItPassesOnTheBrowsersCaretMovesAndShowsTheOthersCaretsInTheBrowsersEditor()
    {
        var module = JSInterop.SetupModule("/assets/editor.js");
        var handle = module.SetupModule(invocation => invocation.Identifier == "mount");
        var moves = new List<(int, int)>();
        IEditorSurface? surface = null;

        var editor = Render<CodeEditor>(p => p
            .Add(c => c.DocumentId, Guid.NewGuid())
            .Add(c => c.OnReady, s => surface = s)
            .Add(c => c.OnDirtyChanged, _ => { })
            .Add(c => c.OnCaretMoved, (anchor, head) => moves.Add((anchor, head))));
        editor.WaitForAssertion(() => Assert.NotNull(surface));
        editor.Instance.CaretMoved(3, 8);
        Caret[] carets = [new("id-bo", "Bo", "#1e88e5", 2, 4, 4)];
        editor.InvokeAsync(() => editor.Instance.ShowCaretsAsync(carets));

        Assert.Equal([(3, 8)], moves);
        var shown = handle.VerifyInvoke("showCarets");
        Assert.Same(carets, shown.Arguments[0]);
    }

    [Fact]
    public async Task AfterDisposalItNeitherPassesOnCaretMovesNorCallsTheBrowser()
    {
        var module = JSInterop.SetupModule("/assets/editor.js");
        var handle = module.SetupModule(invocation => invocation.Identifier == "mount");
        var moves = 0;
        IEditorSurface? surface = null;
        var editor = Render<CodeEditor>(p => p
            .Add(c => c.DocumentId, Guid.NewGuid())
            .Add(c => c.OnReady, s => surface = s)
            .Add(c => c.OnDirtyChanged, _ => { })
            .Add(c => c.OnCaretMoved, (_, _) => moves++));
        editor.WaitForAssertion(() => Assert.NotNull(surface));

        await editor.Instance.DisposeAsync();
        editor.Instance.CaretMoved(1, 1);
        await editor.InvokeAsync(() => editor.Instance.ShowCaretsAsync([new("id-bo", "Bo", "#1e88e5", 2, 4, 4)]));

        Assert.Equal(0, moves);
        Assert.Empty(handle.Invocations["showCarets"]);
    }
}
