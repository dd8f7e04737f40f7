namespace CollabEdit.Web.Features.Accounts;

public sealed record DisplayNameRequest(string? DisplayName);
