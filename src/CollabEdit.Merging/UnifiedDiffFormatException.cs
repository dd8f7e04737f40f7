namespace CollabEdit.Merging;

/// <summary>A unified diff that is not well formed, with the line of the diff where that was found.</summary>
public sealed class UnifiedDiffFormatException : FormatException
{
    /// <summary>A malformed diff.</summary>
    /// <param name="line">The line of the diff (1-based) that is wrong.</param>
    /// <param name="reason">What is wrong there, as a sentence.</param>
    public UnifiedDiffFormatException(int line, string reason)
        : base($"Line {line} of the diff: {reason}")
    {
        Line = line;
        Reason = reason;
    }

    /// <summary>The line of the diff (1-based) that is wrong.</summary>
    public int Line { get; }

    /// <summary>What is wrong there, without the line number.</summary>
    public string Reason { get; }
}
