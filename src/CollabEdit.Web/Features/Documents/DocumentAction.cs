namespace CollabEdit.Web.Features.Documents;

/// <summary>What an operation needs, checked by the access gate (<c>Access.DocumentGate</c>).</summary>
public enum DocumentAction
{
    Read,
    Edit,

    /// <summary>Archive, restore, share: an owner's.</summary>
    Manage,

    /// <summary>Lock and unlock: an owner's too, named apart so that a handler says what it needs.</summary>
    Own,
}
