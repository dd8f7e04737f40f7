using CollabEdit.Web.Features.Access;
using Microsoft.AspNetCore.Authorization;

namespace CollabEdit.Web.Features.Accounts;

public sealed class AdmittedHandler(DocumentGate gate) : AuthorizationHandler<AdmittedRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdmittedRequirement requirement)
    {
        if (gate.Admit(Actors.From(context.User, givenName: null)) is null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
