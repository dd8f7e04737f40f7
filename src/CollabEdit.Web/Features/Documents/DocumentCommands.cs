namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Who asks, and through what: the signed-in account (<paramref name="UserId"/>, null for nobody) and the name
/// recorded as author (a signed-in user's display name; in open mode the name the client gave, which the core
/// validates), and for conflict logs where the request came from. Made by <see cref="Access.Actors"/> for every path.
/// <paramref name="AuthorError"/>: the name could not even be read (an HTTP header that is not valid
/// percent-encoding); the core refuses it with that reason.
/// </summary>
public sealed record DocumentActor(string? Author, string? Client = null, string? Agent = null, string? AuthorError = null, string? UserId = null)
{
    /// <summary>
    /// The key of this caller's rate-limit buckets when it is not "the account, else the address" (a circuit without a
    /// known address is limited on its own); null: derived from <see cref="UserId"/> and <see cref="Client"/>.
    /// </summary>
    public string? RateKey { get; init; }
}

/// <summary>Create a document. <paramref name="IdempotencyKey"/>: a retry with the same key and body answers the first result.</summary>
public sealed record CreateDocumentCommand(string? Title, string? Slug, string? Content, DocumentActor Actor, string? IdempotencyKey = null) : IDocumentCommand;

/// <summary>
/// Save a new version of a document, only on top of the version its precondition names: an If-Match header
/// (<see cref="IfMatch"/>, which wins when present) or the base version the edit started from.
/// A null <paramref name="Title"/> keeps the title; a null <paramref name="IfMatch"/> is a header that could not be parsed.
/// </summary>
public sealed record SaveDocumentCommand(string IdOrSlug, string? Content, string? Title, IfMatch? IfMatch, int? BaseVersion, DocumentActor Actor) : IDocumentCommand
{
    /// <summary>A save that says which version it started from, as the editor sends it.</summary>
    public static SaveDocumentCommand OnBase(Guid id, string content, string? title, int baseVersion, DocumentActor actor) =>
        new(id.ToString(), content, title, IfMatch.Absent, baseVersion, actor);
}

/// <summary>Archive a document, guarded by If-Match, which is required (null: an unparseable header).</summary>
public sealed record ArchiveDocumentCommand(string IdOrSlug, IfMatch? IfMatch, DocumentActor Actor) : IDocumentCommand;

/// <summary>Restore an archived document, guarded by If-Match when given (null: an unparseable header).</summary>
public sealed record RestoreDocumentCommand(string IdOrSlug, IfMatch? IfMatch, DocumentActor Actor) : IDocumentCommand;

/// <summary>Lock a document (owners): nobody writes it until an owner unlocks it.</summary>
public sealed record LockDocumentCommand(string IdOrSlug, DocumentActor Actor) : IDocumentCommand;

/// <summary>Unlock a document (owners).</summary>
public sealed record UnlockDocumentCommand(string IdOrSlug, DocumentActor Actor) : IDocumentCommand;
