namespace CollabEdit.Web.Features.Accounts;

/// <summary>POST /api/auth/password: the current password, to prove it is the owner, and the new one.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
