namespace CollabEdit.Web.Features.Editing;

/// <summary>What the editor holds at one moment: a marker of that moment, the title, and the text's size in UTF-8 bytes.</summary>
public sealed record EditorSnapshot(long Generation, string Title, long ByteCount);
