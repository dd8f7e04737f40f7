using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Infrastructure;

internal static class EditorActors
{
    /// <summary>The editor acting for a name given at its prompt (open mode), as the page sets it.</summary>
    public static DocumentEditor As(this DocumentEditor editor, string? name)
    {
        editor.Actor = new DocumentActor(name, Agent: "editor");
        return editor;
    }
}
