namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Whatever a command or a read answers: a <see cref="DocumentOutcome"/> (what happened to the document) or an access
/// outcome (who may not, or not now: <c>Access.AccessOutcome</c>). One closed family, so that the one renderer for
/// programs (problem details) and the one for people (sentences) each match every case in a single switch.
/// </summary>
public abstract record Outcome
{
    private protected Outcome()
    {
    }
}
