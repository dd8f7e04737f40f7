namespace CollabEdit.Merging;

/// <summary>One replacement in a text: the UTF-16 range [<paramref name="From"/>, <paramref name="To"/>) of the old text becomes <paramref name="Insert"/>.</summary>
/// <param name="From">Start of the replaced range in the old text (UTF-16 code units, as .NET strings and CodeMirror count).</param>
/// <param name="To">End of the replaced range (exclusive); equal to <paramref name="From"/> for a pure insertion.</param>
/// <param name="Insert">The text put in its place (empty for a pure deletion).</param>
public readonly record struct TextChange(int From, int To, string Insert)
{
    /// <summary>How many characters of the old text this change removes.</summary>
    public int Removed => To - From;
}
