namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The answer to a read: the value, or why it is refused (<see cref="DocumentOutcome.NotFound"/>, an access outcome…). Neither: the document is there but the thing asked for is not (a revision that does not exist).
/// </summary>
public readonly record struct DocumentRead<T>(T? Value, Outcome? Refusal)
    where T : class;

/// <summary>Makes <see cref="DocumentRead{T}"/> values.</summary>
public static class DocumentRead
{
    public static DocumentRead<T> Refused<T>(Outcome refusal) where T : class => new(null, refusal);

    public static DocumentRead<T> Found<T>(T? value) where T : class => new(value, null);
}
