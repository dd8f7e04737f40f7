namespace CollabEdit.Cli.Sync;

/// <summary>A document's current version as the server answered it.</summary>
/// <param name="Url">Its API address by id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Version">The current version.</param>
/// <param name="ETag">The current version's ETag.</param>
/// <param name="Content">The current version's text.</param>
/// <param name="UpdatedBy">Who saved it.</param>
internal sealed record RemoteDocument(Uri Url, string Title, int Version, string ETag, string Content, string UpdatedBy);
