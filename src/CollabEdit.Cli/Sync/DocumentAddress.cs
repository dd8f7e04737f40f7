namespace CollabEdit.Cli.Sync;

/// <summary>
/// A document's API address, from what a person copies: the API's <c>…/api/documents/{idOrSlug}</c> or the page's
/// <c>…/docs/{slug}</c> (also <c>…/d/{slug}</c>), below any path base the server is mounted at.
/// </summary>
internal static class DocumentAddress
{
    private const string ApiSegment = "/api/documents/";

    /// <summary>The API address of the document, or an error naming what was expected.</summary>
    public static Uri Parse(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new SyncException(SyncStatus.Usage, $"not an http(s) address of a document: {address}");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        foreach (var marker in (string[])[ApiSegment, "/docs/", "/d/"])
        {
            var at = path.LastIndexOf(marker, StringComparison.Ordinal);
            var name = at < 0 ? "" : path[(at + marker.Length)..];
            if (name.Length > 0 && !name.Contains('/', StringComparison.Ordinal))
            {
                return Of(uri, path[..at], name);
            }
        }

        throw new SyncException(SyncStatus.Usage, $"not the address of a document (…/api/documents/<id or slug> or …/docs/<slug>): {address}");
    }

    /// <summary>The API address of a document by id, on the server of <paramref name="address"/>.</summary>
    public static Uri WithId(Uri address, Guid id)
    {
        var path = address.AbsolutePath;
        return Of(address, path[..path.LastIndexOf(ApiSegment, StringComparison.Ordinal)], id.ToString());
    }

    /// <summary>The path is kept as it came (still percent-encoded), the query and fragment dropped.</summary>
    private static Uri Of(Uri server, string pathBase, string idOrSlug) =>
        new(server.GetLeftPart(UriPartial.Authority) + pathBase + ApiSegment + idOrSlug);
}
