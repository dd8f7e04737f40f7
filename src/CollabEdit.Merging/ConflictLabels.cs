namespace CollabEdit.Merging;

/// <summary>The labels after git's conflict markers.</summary>
/// <param name="Mine">After <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c>.</param>
/// <param name="Base">After <c>|||||||</c> (diff3 style).</param>
/// <param name="Theirs">After <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</c>.</param>
public sealed record ConflictLabels(string? Mine, string? Base, string? Theirs)
{
    /// <summary>"mine", "base", "theirs".</summary>
    public static ConflictLabels Default { get; } = new("mine", "base", "theirs");
}
