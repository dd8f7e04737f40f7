using CollabEdit.Web.Features.Access;
using Microsoft.AspNetCore.Authorization;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>Admitted to the app: see <see cref="DocumentGate.Admit"/>.</summary>
public sealed class AdmittedRequirement : IAuthorizationRequirement;
