using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>One person with access to a document, as the access API and the sharing dialog show it.</summary>
public sealed record AccessEntry(string Email, string DisplayName, DocumentRole Role, DateTime GrantedAt);
