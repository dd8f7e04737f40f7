namespace CollabEdit.Web.Features.Problems;

/// <summary>
/// Whether a request comes from a program (the API, the hubs, the editor's uploads, the OpenAPI document) rather than
/// from a person's browser page: programs get status codes and problem details, people get pages (a sign-in redirect,
/// the not-found page). One test, used by every place that must tell them apart (the status-code pages, the cookie's
/// redirects), so that they cannot differ again (they did: one counted /openapi, the other did not).
/// </summary>
public static class ProgramPaths
{
    /// <summary>The path prefixes (whole segments) that only programs use.</summary>
    public static readonly IReadOnlyList<PathString> Prefixes = ["/api", "/hubs", "/editor", "/openapi"];

    public static bool IsForPrograms(PathString path)
    {
        foreach (var prefix in Prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
