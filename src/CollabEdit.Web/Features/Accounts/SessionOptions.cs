using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>Bound from <c>CollabEdit:Sessions</c>: how sessions are checked.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "CollabEdit:Sessions";

    /// <summary>
    /// How long a server trusts its last look at a session before it asks the database again. A session ended on
    /// this server is refused here at once whatever this says; with several servers, another server may accept
    /// the ended session's cookie or token for at most this long. Short, so that "signed out" means signed out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often an open page (a Blazor circuit, which keeps the sign-in it was opened with) asks whether its session
    /// still lives; when it does not, the page acts for nobody and goes to the sign-in page.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan CircuitCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
