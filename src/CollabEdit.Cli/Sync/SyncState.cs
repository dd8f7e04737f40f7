using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabEdit.Cli.Sync;

/// <summary>
/// What <c>pull</c> remembers beside the file (<c>.FILE.collabedit</c>, JSON): the document's API address (by id,
/// so a new slug does not lose it), the version and ETag the file is based on, and that version's text with its
/// SHA-256. <c>push</c> diffs the file against this base; a merge uses it as the common ancestor. Written whole
/// and renamed into place, so it never names one version and holds another's text.
/// </summary>
/// <param name="Url">The document's API address.</param>
/// <param name="Version">The version the file is based on.</param>
/// <param name="ETag">That version's ETag, sent as If-Match.</param>
/// <param name="Sha256">The SHA-256 of the base text's UTF-8 bytes, hex: a damaged state file is noticed, never diffed against.</param>
/// <param name="Base">The text of <paramref name="Version"/>.</param>
/// <param name="Conflicted">A merge left conflict markers in the file; push refuses while they are there.</param>
internal sealed record SyncState(string Url, int Version, [property: JsonPropertyName("etag")] string ETag, string Sha256, string Base, bool Conflicted = false)
{
    /// <summary>The state of a file is kept in the same folder, hidden: <c>.notes.md.collabedit</c>.</summary>
    public static string PathFor(string file) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $".{Path.GetFileName(file)}.collabedit");

    /// <summary>The state for a base version of the document at <paramref name="url"/>.</summary>
    public static SyncState Of(Uri url, int version, string etag, string baseText, bool conflicted = false) =>
        new(url.ToString(), version, etag, HashOf(baseText), baseText, conflicted);

    /// <summary>The state beside <paramref name="file"/>, or null when it was never pulled.</summary>
    public static SyncState? Load(string file)
    {
        var path = PathFor(file);
        if (!File.Exists(path))
        {
            return null;
        }

        SyncState? state;
        try
        {
            state = JsonSerializer.Deserialize(TextFile.Read(path), SyncStateJson.Readable.SyncState);
        }
        catch (JsonException exception)
        {
            throw new SyncException(SyncStatus.Error, $"{path} is damaged ({exception.Message}); pull into a new file");
        }

        if (state is null || state.Url is null || state.ETag is null || state.Base is null || state.Sha256 != HashOf(state.Base))
        {
            throw new SyncException(SyncStatus.Error, $"{path} is damaged (its base text does not match its SHA-256); pull into a new file");
        }

        return state;
    }

    public void Save(string file) => TextFile.Write(PathFor(file), JsonSerializer.Serialize(this, SyncStateJson.Readable.SyncState));

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
