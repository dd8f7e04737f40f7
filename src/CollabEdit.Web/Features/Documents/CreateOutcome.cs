namespace CollabEdit.Web.Features.Documents;

/// <summary>What became of a document's creation in the store.</summary>
public abstract record CreateOutcome
{
    private CreateOutcome()
    {
    }

    public sealed record Created(DocumentSnapshot Document) : CreateOutcome;

    public sealed record SlugTaken(string Slug) : CreateOutcome;
}
