namespace CollabEdit.Web.Features.Editing;

/// <summary>An unsaved draft kept by the browser from an earlier visit, and the version it was based on.</summary>
public sealed record StoredDraft(int BaseVersion, string Title, long ByteCount);
