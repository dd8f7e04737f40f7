using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// What the pipeline settled before a handler runs: who acts (and the author name recorded for them), their pass on
/// the document (none for create), and the store of this command's unit of work, already used by the gate.
/// </summary>
public sealed class CommandContext
{
    public required DocumentActor Actor { get; init; }

    /// <summary>The name recorded as author, valid by the author rule.</summary>
    public required string Author { get; init; }

    /// <summary>The document and the role the caller acts with; default for a command that names no document yet.</summary>
    public DocumentPass Pass { get; init; }

    public required DocumentStore Store { get; init; }
}
