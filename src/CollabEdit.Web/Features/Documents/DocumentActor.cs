namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Who asks, and through what: the signed-in account (<paramref name="UserId"/>, null for nobody) and the name
/// recorded as author (a signed-in user's display name; in open mode the name the client gave, which the core
/// validates), and for conflict logs where the request came from. Made by <see cref="Access.Actors"/> for every path.
/// <paramref name="AuthorError"/>: the name could not even be read (an HTTP header that is not valid
/// percent-encoding); the core refuses it with that reason.
/// </summary>
public sealed record DocumentActor(string? Author, string? Client = null, string? Agent = null, string? AuthorError = null, string? UserId = null)
{
    /// <summary>
    /// The key of this caller's rate-limit buckets when it is not "the account, else the address" (a circuit without a
    /// known address is limited on its own); null: derived from <see cref="UserId"/> and <see cref="Client"/>.
    /// </summary>
    public string? RateKey { get; init; }
}
