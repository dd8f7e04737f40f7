namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The stored form of a version does not give back the text its SHA-256 names (a damaged payload, a broken chain):
/// nothing is served instead of wrong text. The API answers it as a 500 problem of type
/// <c>urn:collabedit:problem:revision-corrupt</c>.
/// </summary>
public sealed class RevisionCorruptException : Exception
{
    public RevisionCorruptException()
    {
    }

    public RevisionCorruptException(string message)
        : base(message)
    {
    }

    public RevisionCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RevisionCorruptException(Guid documentId, int version, string reason, Exception? innerException = null)
        : base($"Version {version} of document {documentId} cannot be read back as stored: {reason}.", innerException)
    {
        DocumentId = documentId;
        Version = version;
    }

    /// <summary>The document whose version failed its check.</summary>
    public Guid DocumentId { get; }

    /// <summary>The version that failed its check.</summary>
    public int Version { get; }
}
