namespace CollabEdit.Merging;

/// <summary>The decision for one conflict.</summary>
/// <param name="Kind">Which text to use.</param>
/// <param name="CustomText">The text, for <see cref="ConflictChoiceKind.Custom"/>.</param>
public sealed record ConflictChoice(ConflictChoiceKind Kind, string? CustomText = null)
{
    /// <summary>Take mine.</summary>
    public static ConflictChoice Mine { get; } = new(ConflictChoiceKind.Mine);

    /// <summary>Take theirs.</summary>
    public static ConflictChoice Theirs { get; } = new(ConflictChoiceKind.Theirs);

    /// <summary>Take mine, then theirs.</summary>
    public static ConflictChoice MineThenTheirs { get; } = new(ConflictChoiceKind.MineThenTheirs);

    /// <summary>Take theirs, then mine.</summary>
    public static ConflictChoice TheirsThenMine { get; } = new(ConflictChoiceKind.TheirsThenMine);

    /// <summary>Keep what base had.</summary>
    public static ConflictChoice Base { get; } = new(ConflictChoiceKind.Base);

    /// <summary>Use this text instead.</summary>
    public static ConflictChoice Custom(string text) => new(ConflictChoiceKind.Custom, text);
}
