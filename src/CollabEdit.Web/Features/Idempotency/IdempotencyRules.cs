using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Idempotency;

public static class IdempotencyRules
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>Room for "account:" and an Identity id, or "name:" and a display name.</summary>
    public const int MaxOwnerLength = 320;

    /// <summary>Visible ASCII only, 1 to 255 characters.</summary>
    public static bool IsValidKey(string key) => key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>
    /// Whose key it is: a signed-in account by its id. Open mode has no accounts, so there it is the name the client
    /// gives (X-Author, trimmed): a retry from the same person sends the same name wherever it comes from (an address
    /// would change when a phone changes networks, and is shared behind a NAT). Open mode trusts names by design;
    /// this keeps people who name themselves differently apart, nothing more.
    /// </summary>
    public static string OwnerOf(DocumentActor actor) =>
        actor.UserId is { } userId ? $"account:{userId}" : $"name:{actor.Author?.Trim() ?? DocumentRules.AnonymousAuthor}";
}
