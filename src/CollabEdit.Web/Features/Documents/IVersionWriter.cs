namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The save port: writes one new version of a document, only on top of the version the edit expects, atomically
/// in the database (a guarded <c>UPDATE … WHERE "CurrentVersion" = N</c> and the revision's INSERT in one
/// transaction). Storage implements it once per database; a writer reports facts, <see cref="SaveDecision"/> decides.
/// A writer announces nothing: the caller announces what it committed.
/// </summary>
public interface IVersionWriter
{
    /// <summary>Writes the edit, or reports why not; once started, a save is finished whether or not the caller still waits.</summary>
    Task<SaveFacts> WriteAsync(Guid id, DocumentEdit edit, DateTime savedAt, CancellationToken cancellationToken);
}
