namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// Whether a request carries anything an authentication scheme could read: a cookie (Identity's are cookies), an
/// Authorization header (bearer tokens), or the documents hub's <c>?access_token=</c> (browsers' WebSockets cannot
/// send headers). A request with none of them is nobody's whatever runs: authenticating it only built the cookie and
/// bearer handlers to find nothing, about 6% of a conditional GET's server CPU in the profile (README "Benchmarks").
/// </summary>
public static class Credentials
{
    public const string AccessTokenQueryName = "access_token";

    public static bool Presented(HttpRequest request) =>
        request.Headers.Cookie.Count > 0
        || request.Headers.Authorization.Count > 0
        || (request.QueryString.HasValue && request.Query.ContainsKey(AccessTokenQueryName));
}
