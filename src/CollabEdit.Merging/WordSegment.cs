namespace CollabEdit.Merging;

/// <summary>A run of text and whether it differs from the text it is compared with.</summary>
/// <param name="Text">The characters, exactly.</param>
/// <param name="Changed">Whether they were inserted or replaced.</param>
public readonly record struct WordSegment(string Text, bool Changed);
