using System.IO.Compression;
using System.Text;
using CollabEdit.Web.Features.Api;
using CollabEdit.Web.Features.Commands;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Editing;

/// <summary>PUT /editor/uploads/{token}: the browser's editor hands its text to its circuit (see <see cref="EditorUploads"/>).</summary>
public static class EditorUploadsApi
{
    private const int BufferSize = 64 * 1024;

    public const string Path = "/editor/uploads";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void MapEditorUploads(this IEndpointRouteBuilder app) =>
        app.MapPut($"{Path}/{{token}}", ReceiveUpload)
            .WithName(nameof(ReceiveUpload))
            .ExcludeFromDescription();

    // No rate limit of its own: an upload is half of one save (or merge), whose single write token the command
    // pipeline takes, or the text for the live preview (PreviewPane: one at a time, at most about once a second while
    // the text changes); a token is issued by the circuit, used once and expires, so uploads cannot come faster than those.

    public static async Task<Results<NoContent, ProblemHttpResult>> ReceiveUpload(string token, HttpContext http, EditorUploads uploads, DocumentService documents)
    {
        if (uploads.MaxBytesFor(token) is not long maxBytes)
        {
            return OutcomeProblems.NotFound($"upload {token}");
        }

        // Refused by its declared size before a byte is read; a body without a length is cut off at the limit.
        if (http.Request.ContentLength is long declared && documents.CheckSize(declared) is { } tooLarge)
        {
            uploads.Cancel(token);
            return OutcomeProblems.ContentTooLarge(tooLarge.Size, tooLarge.Limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = maxBytes;
        }

        string? text;
        try
        {
            text = await ReadTextAsync(http.Request, maxBytes, http.RequestAborted);
        }
        catch (Exception exception) when (exception is DecoderFallbackException or InvalidDataException)
        {
            uploads.Cancel(token);
            return OutcomeProblems.Validation(new Dictionary<string, string[]> { ["body"] = ["The text is not valid (gzip-compressed) UTF-8."] });
        }

        if (text is null)
        {
            // Over the limit once decompressed: the same answer as for a declared size.
            uploads.Cancel(token);
            return OutcomeProblems.ContentTooLarge(maxBytes + 1, maxBytes);
        }

        return uploads.Deliver(token, text) ? TypedResults.NoContent() : OutcomeProblems.NotFound($"upload {token}");
    }

    /// <summary>The body as UTF-8 text, decompressed when gzip-encoded; null when it is over <paramref name="maxBytes"/> decompressed (a gzip bomb stops there).</summary>
    private static async Task<string?> ReadTextAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var gzip = string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase);
        await using var body = gzip ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[BufferSize];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
