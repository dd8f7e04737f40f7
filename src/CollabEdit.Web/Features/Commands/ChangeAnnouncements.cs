using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// The pipeline's last step: what a command changed is announced once it is committed (new versions, locks, access),
/// through the ports the layers below define (<see cref="IVersionAnnouncer"/>, <see cref="ILockAnnouncer"/>,
/// <see cref="IAccessAnnouncer"/>), which real-time delivery implements. The save port writes and no longer announces:
/// this is the one place that does, whoever saved.
/// </summary>
public sealed partial class ChangeAnnouncements(
    IVersionAnnouncer versions, ILockAnnouncer locks, IAccessAnnouncer access, ILogger<ChangeAnnouncements> logger)
{
    public void Announce(Outcome outcome)
    {
        try
        {
            switch (outcome)
            {
                case DocumentOutcome.Saved { Changed: true, Document: var saved, Changes: var changes }:
                    versions.Announce(saved.Head, saved.Content, changes);
                    break;
                case DocumentOutcome.LockChanged { Changed: true, Current: var head }:
                    locks.Publish(LockChange.Of(head));
                    break;
                case AccessOutcome.AccessListed { Change: { } change }:
                    access.Publish(change);
                    break;
            }
        }
        catch (Exception exception)
        {
            // An announcement is never worth a change: it is committed whatever happens here.
            LogAnnounceFailed(logger, exception, outcome.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "A committed change ({Outcome}) could not be queued for announcement")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string outcome);
}
