namespace CollabEdit.Web.Features.Documents;

/// <summary>One version saved after the caller's base: who saved it and when (part of a 409's body).</summary>
public sealed record ChangeSinceBase(int Version, string Author, DateTime SavedAt);
