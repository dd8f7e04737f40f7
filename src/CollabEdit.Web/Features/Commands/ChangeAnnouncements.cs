using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// The pipeline's last step: what a command changed is announced once it is committed, through the ports the layers
/// below define (<see cref="IVersionAnnouncer"/>, <see cref="IAccessAnnouncer"/>), which real-time delivery implements.
/// </summary>
public sealed class ChangeAnnouncements(IVersionAnnouncer versions, IAccessAnnouncer access)
{
    public void Announce(Outcome outcome)
    {
        switch (outcome)
        {
            case AccessOutcome.AccessListed { Change: { } change }:
                access.Publish(change);
                break;
        }

        _ = versions;
    }
}
