namespace CollabEdit.Web.Features.Problems;

/// <summary>
/// The stable <c>type</c> of every problem the API answers with (RFC 9457). Clients match on these;
/// never change one once shipped. The README lists them all.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:collabedit:problem:";

    public const string Validation = Prefix + "validation";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string SlugTaken = Prefix + "slug-taken";
    public const string DocumentArchived = Prefix + "document-archived";
    public const string DocumentLocked = Prefix + "document-locked";
    public const string StaleIfMatch = Prefix + "stale-if-match";
    public const string StaleBaseVersion = Prefix + "stale-base-version";
    public const string PreconditionRequired = Prefix + "precondition-required";
    public const string ContentTooLarge = Prefix + "content-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string UnsupportedCharset = Prefix + "unsupported-charset";
    public const string MalformedPatch = Prefix + "malformed-patch";
    public const string PatchDoesNotApply = Prefix + "patch-does-not-apply";
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";
    public const string IdempotencyKeyInFlight = Prefix + "idempotency-key-in-flight";
    public const string RateLimited = Prefix + "rate-limited";
    public const string StorageAllowanceExceeded = Prefix + "storage-allowance-exceeded";
    public const string TooManyConnections = Prefix + "too-many-connections";
    public const string CrossSiteRequest = Prefix + "cross-site-request";
    public const string Unauthenticated = Prefix + "unauthenticated";
    public const string SignInFailed = Prefix + "sign-in-failed";
    public const string Forbidden = Prefix + "forbidden";
    public const string UserNotFound = Prefix + "user-not-found";
    public const string LastOwner = Prefix + "last-owner";
    public const string AccessNotManaged = Prefix + "access-not-managed";
    public const string Busy = Prefix + "busy";
    public const string RequestTimeout = Prefix + "request-timeout";
    public const string UriTooLong = Prefix + "uri-too-long";
    public const string HeadersTooLarge = Prefix + "headers-too-large";
    public const string Internal = Prefix + "internal-error";

    /// <summary>A version whose stored form does not give back the text its SHA-256 names: refused, never served wrong (500).</summary>
    public const string RevisionCorrupt = Prefix + "revision-corrupt";

    /// <summary>The type of a problem the framework raised itself (bad JSON, 415, 413…), by status code.</summary>
    public static string? ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedRequest,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => RequestTimeout,
        StatusCodes.Status413PayloadTooLarge => ContentTooLarge,
        StatusCodes.Status414UriTooLong => UriTooLong,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => HeadersTooLarge,
        StatusCodes.Status429TooManyRequests => RateLimited,
        >= 500 => Internal,
        _ => null,
    };

    /// <summary>The last segment of a type: "stale-base-version". Used as the metric tag.</summary>
    public static string Kind(string? type) =>
        type is not null && type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..] : "other";
}
