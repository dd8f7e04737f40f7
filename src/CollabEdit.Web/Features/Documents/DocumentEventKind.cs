namespace CollabEdit.Web.Features.Documents;

/// <summary>What happened to a document besides a new version, shown in its history next to the versions.</summary>
public enum DocumentEventKind
{
    Archived,
    Restored,
    AccessGranted,
    AccessChanged,
    AccessRemoved,
    Locked,
    Unlocked,
}
