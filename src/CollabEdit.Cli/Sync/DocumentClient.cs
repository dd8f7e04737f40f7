using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CollabEdit.Merging;

namespace CollabEdit.Cli.Sync;

/// <summary>
/// The documents API, as far as pull and push need it: read the current version, and send a change as a unified
/// diff (PATCH with If-Match). Refusals become a <see cref="SyncException"/> carrying the problem's own words.
/// </summary>
internal sealed class DocumentClient(HttpClient http, string? token, string? author)
{
    private const string LockedType = "urn:collabedit:problem:document-locked";
    private const string ArchivedType = "urn:collabedit:problem:document-archived";

    /// <summary>The current version of the document at <paramref name="url"/>.</summary>
    public async Task<RemoteDocument> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusalAsync(response, $"GET {url}", cancellationToken);
        }

        var etag = response.Headers.ETag?.ToString()
            ?? throw new SyncException(SyncStatus.Error, $"GET {url} answered without an ETag: is this a CollabEdit server?");
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var document = body.RootElement;
            return new RemoteDocument(
                DocumentAddress.WithId(url, document.GetProperty("id").GetGuid()),
                document.GetProperty("title").GetString() ?? "",
                document.GetProperty("version").GetInt32(),
                etag,
                document.GetProperty("content").GetString() ?? "",
                document.TryGetProperty("updatedBy", out var by) ? by.GetString() ?? "" : "");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SyncException(SyncStatus.Error, $"GET {url} did not answer a document ({exception.Message}): is this a CollabEdit server?");
        }
    }

    /// <summary>
    /// Saves <paramref name="mine"/> on top of the version whose ETag is <paramref name="etag"/> and whose text is
    /// <paramref name="baseText"/>, as the unified diff between the two. A server from before PATCH (405) is sent
    /// the whole text with PUT, under the same If-Match.
    /// </summary>
    public async Task<PushAnswer> PushAsync(Uri url, string etag, string baseText, string mine, string name, CancellationToken cancellationToken)
    {
        var diff = UnifiedDiff.Create(baseText, mine, $"a/{name}", $"b/{name}", cancellationToken: cancellationToken);
        using (var patch = Request(HttpMethod.Patch, url, etag))
        {
            patch.Content = new StringContent(diff, new UTF8Encoding(false), UnifiedDiff.MediaType);
            using var response = await SendAsync(patch, cancellationToken);
            if (response.StatusCode != HttpStatusCode.MethodNotAllowed)
            {
                return await AnswerAsync(response, "PATCH", url, cancellationToken);
            }
        }

        using var put = Request(HttpMethod.Put, url, etag);
        put.Content = new StringContent(ContentJson(mine), new UTF8Encoding(false), "application/json");
        using var fallback = await SendAsync(put, cancellationToken);
        return await AnswerAsync(fallback, "PUT", url, cancellationToken);
    }

    private static async Task<PushAnswer> AnswerAsync(HttpResponseMessage response, string method, Uri url, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var etag = response.Headers.ETag?.ToString()
                    ?? throw new SyncException(SyncStatus.Error, $"{method} {url} answered 200 without an ETag: is this a CollabEdit server?");
                return new PushAnswer.Saved(await VersionOfAsync(response, etag, cancellationToken), etag, method);
            case HttpStatusCode.PreconditionFailed:
                return new PushAnswer.Stale();
            case HttpStatusCode.Conflict:
                var refusal = await RefusalAsync(response, $"{method} {url}", cancellationToken);
                // Locked and archived documents are refusals, never conflicts; any other 409 means the diff no longer fits.
                return refusal.ProblemType is LockedType or ArchivedType ? throw refusal : new PushAnswer.Stale();
            default:
                throw await RefusalAsync(response, $"{method} {url}", cancellationToken);
        }
    }

    /// <summary>The new version: from the answer's summary, else from the ETag (<c>"{id}-v{version}"</c>).</summary>
    private static async Task<int> VersionOfAsync(HttpResponseMessage response, string etag, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("version", out var version) && version.TryGetInt32(out var number))
            {
                return number;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the ETag still names the version.
        }

        var at = etag.LastIndexOf("-v", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(etag.AsSpan(at + 2).TrimEnd('"'), out var tagged) ? tagged : 0;
    }

    private HttpRequestMessage Request(HttpMethod method, Uri url, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (author is { Length: > 0 })
        {
            // Open mode names the author from X-Author, percent-encoded so that any name fits in a header.
            request.Headers.TryAddWithoutValidation("X-Author", Uri.EscapeDataString(author));
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new SyncException(SyncStatus.Error, $"could not reach {request.RequestUri}: {exception.Message}");
        }
    }

    /// <summary>The refusal in the server's words: the problem's title and detail, or the status alone.</summary>
    private static async Task<SyncException> RefusalAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        string? type = null, title = null, detail = null;
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = body.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
                title = body.RootElement.TryGetProperty("title", out var ti) ? ti.GetString() : null;
                detail = body.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the status says enough.
        }

        var words = string.Join(": ", new[] { title, detail }.Where(w => !string.IsNullOrEmpty(w)));
        return new SyncException(SyncStatus.Refused, $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}{(words.Length > 0 ? $": {words}" : "")}", type);
    }

    private static string ContentJson(string content)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("content", content);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
