namespace CollabEdit.Web.Features.Access;

public sealed class AccessOptions
{
    public const string SectionName = "CollabEdit:Access";

    public AccessMode Mode { get; set; } = AccessMode.Secure;
}
