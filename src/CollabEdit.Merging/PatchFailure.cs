namespace CollabEdit.Merging;

/// <summary>Why a patch did not apply: the first line of a hunk that did not match the text.</summary>
/// <param name="Hunk">The hunk, 1-based, in the diff's order.</param>
/// <param name="Line">The line of the text (1-based) where the hunk expected <paramref name="Expected"/>.</param>
/// <param name="Expected">The line the hunk expected there, with its terminator (empty when the hunk expected the text to end there).</param>
/// <param name="Found">The line the text has there, with its terminator; null when the text ends before it.</param>
public sealed record PatchFailure(int Hunk, int Line, string Expected, string? Found);
