using Microsoft.Net.Http.Headers;

namespace CollabEdit.Web.Features.Documents;

public static class Conditional
{
    /// <summary>If-None-Match uses weak comparison (RFC 9110 §13.1.2); "*" matches any current representation.</summary>
    public static bool IfNoneMatchHits(HttpRequest request, EntityTagHeaderValue current) =>
        request.Headers.IfNoneMatch.Count > 0
        && EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
}
