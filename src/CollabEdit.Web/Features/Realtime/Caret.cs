namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Where one open editor (or hub connection) has its caret and selection in a document.
/// </summary>
/// <param name="Id">Opaque and stable for as long as the page or connection stays: tells carets apart, and lets a client find its own.</param>
/// <param name="Name">Who (the name shown in presence).</param>
/// <param name="Colour">A CSS colour (#rrggbb), the same for the same name everywhere, readable on light and dark backgrounds.</param>
/// <param name="Version">The version the positions refer to (the editor's base version).</param>
/// <param name="Anchor">Where the selection starts (the fixed end), in UTF-16 code units as CodeMirror counts.</param>
/// <param name="Head">Where the caret is (the moving end); equal to <paramref name="Anchor"/> when nothing is selected.</param>
public sealed record Caret(string Id, string Name, string Colour, int Version, int Anchor, int Head);
