using Microsoft.AspNetCore.Mvc;

namespace CollabEdit.Web.Features.Problems;

/// <summary>
/// Requests Kestrel would refuse with an empty body get problem details instead. Kestrel is configured to let
/// them through (Program.cs: a longer request line, more header bytes, header bytes read as Latin-1), and the
/// limits are applied here: an address over <see cref="MaxTargetLength"/> → 414, headers over
/// <see cref="MaxHeaderBytes"/> → 431, a header byte that is not ASCII → 400 naming the header. Beyond Kestrel's
/// raised limits, and for control bytes in headers, Kestrel still answers alone (empty body): that is the edge.
/// A JSON body's charset is checked here too (<see cref="JsonCharset"/>): the framework's JSON reader throws on a
/// charset it does not know, which used to be a 500 with an error log on every JSON endpoint.
/// </summary>
public sealed class RequestShapeGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public const int MaxTargetLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's own limits, set above ours so that ours answer first.</summary>
    public const int KestrelRequestLineSize = 4 * MaxTargetLength;
    public const int KestrelHeadersTotalSize = 2 * MaxHeaderBytes;

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var targetLength = request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (targetLength > MaxTargetLength)
        {
            await RefuseAsync(http, StatusCodes.Status414UriTooLong, ProblemTypes.UriTooLong, "Address too long",
                $"The address is {targetLength:N0} characters; the limit is {MaxTargetLength:N0}.");
            return;
        }

        var headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
                if (value is not null && value.Any(c => c > '\u007E'))
                {
                    await RefuseAsync(http, StatusCodes.Status400BadRequest, ProblemTypes.MalformedRequest, "A header is not ASCII",
                        $"The header '{name}' has a byte that is not ASCII. Header values are ASCII: percent-encode other characters (é as %C3%A9).");
                    return;
                }
            }
        }

        if (headerBytes > MaxHeaderBytes)
        {
            await RefuseAsync(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, ProblemTypes.HeadersTooLarge, "Headers too large",
                $"The headers take {headerBytes:N0} bytes; the limit is {MaxHeaderBytes:N0}.");
            return;
        }

        switch (JsonCharset.Check(request))
        {
            case JsonCharset.Verdict.Refused refused:
                await RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedCharset, "Unsupported charset",
                    $"A JSON body is UTF-8 (RFC 8259); the charset '{refused.Charset}' is not accepted. Send 'Content-Type: application/json' or 'application/json; charset=utf-8'.");
                return;
            case JsonCharset.Verdict.Normalized normalized:
                // charset="utf-8" or charset=UTF-8: the same encoding, spelled so that the framework's reader knows it.
                request.ContentType = normalized.ContentType;
                break;
        }

        await next(http);
    }

    private Task RefuseAsync(HttpContext http, int status, string type, string title, string detail)
    {
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        }).AsTask();
    }
}
