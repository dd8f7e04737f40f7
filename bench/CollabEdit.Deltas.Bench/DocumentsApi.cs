using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CollabEdit.Deltas.Bench;

/// <summary>A script's view of the documents API: create, PUT the whole text, PATCH a unified diff, read a revision.</summary>
internal sealed class DocumentsApi(HttpClient http)
{
    /// <summary>Null until the first PATCH says whether this build has it (the code before issue 18 answers 405).</summary>
    public bool? PatchSupported { get; private set; }

    public HttpClient Http => http;

    public async Task<Saved> CreateAsync(string title, string content)
    {
        using var response = await http.PostAsJsonAsync("/api/documents", new { title, content });
        await EnsureAsync(response, HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Saved(body.GetProperty("id").GetGuid(), body.GetProperty("version").GetInt32(), response.Headers.ETag!.ToString());
    }

    /// <summary>PUT of the whole new text on top of <paramref name="on"/>, by If-Match (or by baseVersion in the body).</summary>
    public async Task<Saved> PutAsync(Saved on, string content, bool byBaseVersion = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{on.Id}")
        {
            Content = JsonContent.Create(byBaseVersion ? (object)new { content, baseVersion = on.Version } : new { content }),
        };
        if (!byBaseVersion)
        {
            request.Headers.TryAddWithoutValidation("If-Match", on.ETag);
        }

        using var response = await http.SendAsync(request);
        await EnsureAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return on with { Version = body.GetProperty("version").GetInt32(), ETag = response.Headers.ETag!.ToString() };
    }

    /// <summary>PATCH with the unified diff from <paramref name="before"/> to <paramref name="after"/>; null when this build has no PATCH.</summary>
    public Task<Saved?> PatchAsync(Saved on, string before, string after) => PatchAsync(on, UnifiedDiff.Of(before, after));

    /// <summary>Sends a diff made beforehand: a round trip measured without the client's own diffing.</summary>
    public async Task<Saved?> PatchAsync(Saved on, string diff)
    {
        if (PatchSupported == false)
        {
            return null;
        }

        using var request = PatchRequest(on, diff);
        using var response = await http.SendAsync(request);
        if (PatchSupported is null && response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound)
        {
            PatchSupported = false;
            return null;
        }

        await EnsureAsync(response, HttpStatusCode.OK);
        PatchSupported = true;
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = body.TryGetProperty("version", out var v) ? v.GetInt32() : on.Version + 1;
        return on with { Version = version, ETag = response.Headers.ETag!.ToString() };
    }

    public static HttpRequestMessage PatchRequest(Saved on, string diff)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/documents/{on.Id}")
        {
            Content = new StringContent(diff, new UTF8Encoding(false), "text/x-diff"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", on.ETag);
        return request;
    }

    /// <summary>Reads version <paramref name="version"/> whole (null: the current one, by GET of the document); the time until its last byte arrived.</summary>
    public async Task<(TimeSpan Elapsed, long Bytes)> ReadRevisionAsync(Guid id, int? version)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(version is { } v ? $"/api/documents/{id}/revisions/{v}" : $"/api/documents/{id}", HttpCompletionOption.ResponseHeadersRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        await EnsureAsync(response, HttpStatusCode.OK);
        return (watch.Elapsed, bytes.LongLength);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

/// <summary>A saved version as a script keeps it: which document, which version, its ETag.</summary>
internal sealed record Saved(Guid Id, int Version, string ETag);
