using System.Buffers;
using System.Text;
using System.Text.Unicode;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// Unified diffs over HTTP: PATCH /api/documents/{idOrSlug} with a diff (RFC 5789, <c>text/x-diff</c>), through the
/// <see cref="CommandPipeline"/> like every write, and GET /api/documents/{idOrSlug}/diff?from=U&amp;to=V, the diff that
/// turns one version into another, which <c>patch(1)</c> applies exactly. A change then costs what changed, both ways.
/// </summary>
public static class PatchApi
{
    private static readonly string[] DiffMediaTypes = [UnifiedDiff.MediaType, "text/x-patch"];

    public static void MapPatchApi(this RouteGroupBuilder documents)
    {
        documents.MapPatch("/{idOrSlug}", PatchDocument).WithName(nameof(PatchDocument))
            .WithSummary("Change a document with a unified diff (diff -u, git diff), applied exactly to the version If-Match names")
            .WithDescription("Content-Type: text/x-diff or text/x-patch (UTF-8). If-Match is required (428 without, 412 when stale). "
                + "A malformed diff is 400 (malformed-patch, naming the diff's line); a diff whose context or removed lines do not match "
                + "that version is 409 (patch-does-not-apply, naming the hunk and the line); a result over the size limit is 413. "
                + "200 answers the new version's summary and its ETag, not the content.")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            // Documented by hand, not with Accepts(): Accepts() would also make routing refuse other media types with a
            // bare 415, before the handler can answer it with Accept-Patch (RFC 5789 §2.2).
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "A unified diff of the document, as 'diff -u' or 'git diff' prints it (UTF-8).",
                    Content = DiffMediaTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
                };
                return Task.CompletedTask;
            })
            .ProducesProblems(400, 401, 403, 404, 409, 412, 413, 415, 428, 429, 507);

        documents.MapGet("/{idOrSlug}/diff", GetDiff).WithName(nameof(GetDiff))
            .WithSummary("The unified diff from version 'from' to version 'to' (text/x-diff, as diff -u prints it; patch(1) applies it)")
            .Produces<string>(StatusCodes.Status200OK, UnifiedDiff.MediaType)
            .ProducesProblems(400, 401, 404, 429);

        documents.MapMethods("/{idOrSlug}", [HttpMethods.Options], Options).ExcludeFromDescription();
    }

    public static async Task<Results<Ok<VersionSummary>, ProblemHttpResult>> PatchDocument(
        string idOrSlug, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken)
    {
        var contentType = http.Request.ContentType;
        if (!IsDiff(contentType))
        {
            return OutcomeProblems.UnsupportedPatchType(http, contentType);
        }

        var (diff, badLine) = await ReadUtf8Async(http.Request, cancellationToken);
        if (diff is null)
        {
            return OutcomeProblems.MalformedPatch(badLine, "the body is not UTF-8 text.");
        }

        var command = new PatchDocumentCommand(idOrSlug, diff, IfMatch.Parse(http.Request), Actors.FromRequest(http));
        switch (await commands.SendAsync(command, cancellationToken))
        {
            case DocumentOutcome.Saved saved:
                OutcomeProblems.SetETag(http, saved.Document.Head);
                return TypedResults.Ok(VersionSummary.From(saved.Document.Head, saved.Changed));
            case var refused:
                return OutcomeProblems.Problem(refused, http);
        }
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDiff(
        string idOrSlug, HttpContext http, DocumentService documents, CancellationToken cancellationToken, string? from = null, string? to = null)
    {
        // Read as text, so that "from=x" is a field error like "from=0", not an unreadable request.
        var errors = new Dictionary<string, string[]>();
        var fromVersion = VersionOf(from, "from", "the version to start from", errors);
        var toVersion = VersionOf(to, "to", "the version to arrive at", errors);
        if (errors.Count > 0)
        {
            return OutcomeProblems.Validation(errors);
        }

        var actor = Actors.FromRequest(http);
        var found = await documents.FindAsync(idOrSlug, actor, cancellationToken);
        if (found.Refusal is { } refused)
        {
            return OutcomeProblems.Problem(refused, http);
        }

        var head = found.Value!;
        var texts = new string[2];
        foreach (var (version, index) in new[] { (fromVersion, 0), (toVersion, 1) })
        {
            var revision = await documents.GetRevisionAsync(head.Id, version, actor, cancellationToken);
            if (revision.Refusal is { } gone)
            {
                return OutcomeProblems.Problem(gone, http);
            }

            if (revision.Value is null)
            {
                return OutcomeProblems.RevisionNotFound(head.Id, version);
            }

            texts[index] = revision.Value.Content;
        }

        var diff = UnifiedDiff.Create(texts[0], texts[1], $"a/{head.Slug}@v{fromVersion}", $"b/{head.Slug}@v{toVersion}", cancellationToken: cancellationToken);
        // Two versions never change once written; "private" because only people with access may read them.
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.Text(diff, UnifiedDiff.MediaType + "; charset=utf-8", Encoding.UTF8);
    }

    private static int VersionOf(string? value, string name, string meaning, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version >= 1)
        {
            return version;
        }

        errors[name] = [$"{name} is {meaning}: a version number, 1 or more."];
        return 0;
    }

    /// <summary>What a document's address allows, and what PATCH takes (RFC 5789 §3.1).</summary>
    public static NoContent Options(HttpContext http)
    {
        http.Response.Headers.Allow = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS";
        http.Response.Headers["Accept-Patch"] = OutcomeProblems.AcceptPatch;
        return TypedResults.NoContent();
    }

    /// <summary>text/x-diff or text/x-patch, with no charset or UTF-8: a diff is bytes of UTF-8 text like the documents.</summary>
    private static bool IsDiff(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !DiffMediaTypes.Any(t => parsed.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var charset = parsed.Charset;
        return charset.Length == 0 || HeaderUtilities.RemoveQuotes(charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The body as text, strictly UTF-8 (a leading BOM dropped): invalid bytes are refused, not replaced, because a
    /// replaced byte would be a change nobody asked for. On failure, the diff's line (1-based) where the bad byte is.
    /// </summary>
    private static async Task<(string? Text, int BadLine)> ReadUtf8Async(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        // The body's size is bounded by Kestrel's limit (as for PUT); over it, reading throws and becomes a 413.
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        return status == OperationStatus.Done
            ? (new string(chars, 0, written), 0)
            : (null, bytes[..read].Count((byte)'\n') + 1);
    }
}
