namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Change a document with a unified diff (RFC 5789 PATCH, <c>text/x-diff</c>): the diff is applied exactly to the text
/// of the version <paramref name="IfMatch"/> names, which must still be current. If-Match is required: a diff only
/// means something against the text it was made from. A null <paramref name="IfMatch"/> is a header that could not be parsed.
/// </summary>
/// <param name="IdOrSlug">The document.</param>
/// <param name="Diff">The unified diff as sent (already decoded from UTF-8).</param>
/// <param name="IfMatch">The version the diff was made from.</param>
/// <param name="Actor">Who sends it.</param>
public sealed record PatchDocumentCommand(string IdOrSlug, string Diff, IfMatch? IfMatch, DocumentActor Actor) : IDocumentCommand;
