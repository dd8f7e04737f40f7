namespace CollabEdit.Web.Features.Access;

/// <summary>How a server decides who may do what. Bound from <c>CollabEdit:Access</c>.</summary>
public enum AccessMode
{
    /// <summary>The default: accounts, per-document roles; nothing is visible without signing in.</summary>
    Secure,

    /// <summary>
    /// For one person on their own machine, or a demo: every visitor may read and edit every document, and
    /// names are given by the client (X-Author, the name prompt, the hub's ?name=). Never on a network.
    /// </summary>
    Open,
}
