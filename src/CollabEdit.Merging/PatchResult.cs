using System.Diagnostics.CodeAnalysis;

namespace CollabEdit.Merging;

/// <summary>What applying a unified diff to a text gave: the new text and its changes, or where it failed.</summary>
public sealed record PatchResult
{
    private PatchResult(string? text, ChangeSet? changes, PatchFailure? failure)
    {
        Text = text;
        Changes = changes;
        Failure = failure;
    }

    /// <summary>The patched text; null when the patch did not apply.</summary>
    public string? Text { get; }

    /// <summary>The changes the patch made to the text (from the old text to <see cref="Text"/>); null when it did not apply.</summary>
    public ChangeSet? Changes { get; }

    /// <summary>Where and why the patch did not apply; null when it did.</summary>
    public PatchFailure? Failure { get; }

    /// <summary>True when every hunk matched and <see cref="Text"/> is the result.</summary>
    [MemberNotNullWhen(true, nameof(Text), nameof(Changes))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Applied => Failure is null;

    /// <summary>A patch that applied.</summary>
    /// <param name="text">The new text.</param>
    /// <param name="changes">The changes from the old text to it.</param>
    public static PatchResult Success(string text, ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(changes);
        return new PatchResult(text, changes, null);
    }

    /// <summary>A patch that did not apply.</summary>
    /// <param name="failure">Where and why.</param>
    public static PatchResult Failed(PatchFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new PatchResult(null, null, failure);
    }
}
