using Microsoft.Net.Http.Headers;

namespace CollabEdit.Web.Features.Documents;

/// <summary>A parsed If-Match header (RFC 9110 §13.1.1).</summary>
public sealed record IfMatch(bool IsPresent, bool IsAny, IReadOnlyList<EntityTagHeaderValue> Tags)
{
    /// <summary>No If-Match header: the save is guarded by its base version instead.</summary>
    public static readonly IfMatch Absent = new(false, false, []);

    /// <returns>The parsed header, or null when it is present but not a valid list of quoted entity tags.</returns>
    public static IfMatch? Parse(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return Absent;
        }

        // "*" stands alone (RFC 9110 §13.1.1): a list that mixes it with tags is not valid, not "any".
        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0
            || (tags.Count > 1 && tags.Any(t => t.Equals(EntityTagHeaderValue.Any))))
        {
            return null;
        }

        return new IfMatch(true, tags.Any(t => t.Equals(EntityTagHeaderValue.Any)), tags.ToList());
    }

    public bool Matches(EntityTagHeaderValue current) => IsAny || DocumentETags.AnyStrongMatch(Tags, current);

    /// <summary>The versions of document <paramref name="id"/> (active) that the header names.</summary>
    public IReadOnlyList<int> ActiveVersionsOf(Guid id) =>
        Tags.Select(tag => DocumentETags.ActiveVersionNamedBy(tag, id)).OfType<int>().Distinct().ToList();
}
