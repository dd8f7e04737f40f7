namespace CollabEdit.Web.Features.Editing;

/// <summary>What the person tried, which decides how a refusal is put to them (<see cref="OutcomeWords"/>).</summary>
public enum Attempt
{
    /// <summary>A save from the editor (or its merge dialog): the text is kept whatever happens.</summary>
    Save,
    Create,
    Archive,
    Restore,
    ChangeAccess,
    Lock,
    Unlock,
}
