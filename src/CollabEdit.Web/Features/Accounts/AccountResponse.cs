namespace CollabEdit.Web.Features.Accounts;

/// <summary>The account of the caller: who am I, my display name.</summary>
public sealed record AccountResponse(string Email, string DisplayName);
