using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CollabEdit.Web.Features.Documents;

/// <summary>Limits and formats of document fields, shared by validation, the schema and the UI.</summary>
public static partial class DocumentRules
{
    public const int MaxTitleLength = 200;

    /// <summary>
    /// The time of a change as it is stored: to the microsecond, PostgreSQL's precision (SQLite keeps more), so that
    /// what an answer says at once and what a later read or an idempotent replay says are the same.
    /// </summary>
    public static DateTime StoredNow(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)), DateTimeKind.Utc);
    }
    public const int MaxSlugLength = 80;
    public const int MaxAuthorLength = 100;
    public const string AnonymousAuthor = "anonymous";

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonSlugCharacters();

    /// <summary>
    /// Lowercase letters, digits and single hyphens. A slug may not look like a GUID, so that
    /// <c>/api/documents/{idOrSlug}</c> can never mean two documents.
    /// </summary>
    public static bool IsValidSlug(string slug) =>
        slug.Length <= MaxSlugLength && SlugPattern().IsMatch(slug) && !Guid.TryParse(slug, out _);

    /// <summary>A slug derived from a title: "Café Notes!" becomes "cafe-notes".</summary>
    public static string SlugFromTitle(string title)
    {
        var decomposed = title.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                ascii.Append(char.ToLowerInvariant(c));
            }
        }

        var slug = NonSlugCharacters().Replace(ascii.ToString(), "-").Trim('-');
        if (slug.Length > MaxSlugLength - 8)
        {
            slug = slug[..(MaxSlugLength - 8)].TrimEnd('-');
        }

        return slug.Length == 0 || !IsValidSlug(slug) ? "document" : slug;
    }

    /// <summary>A valid slug shortened so that "-N" still fits in <see cref="MaxSlugLength"/>.</summary>
    public static string SlugStem(string slug) =>
        slug.Length > MaxSlugLength - 8 ? slug[..(MaxSlugLength - 8)].TrimEnd('-') : slug;

    /// <summary>Control characters, and the Unicode line and paragraph separators (U+2028, U+2029): refused in one-line fields.</summary>
    public static bool IsLineBreakOrControl(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;

    /// <summary>
    /// Characters that make a one-line field show something other than what it holds: bidirectional overrides,
    /// embeddings and isolates ("Budget \u202Egnp.exe" shows as "Budget exe.png"), marks, and invisible spaces
    /// and joiners-that-are-not (zero-width space, word joiner, byte-order mark). Zero-width (non-)joiners stay
    /// allowed: scripts and emoji need them.
    /// </summary>
    public static bool IsDeceptiveFormat(char c) => c is
        '\u200B' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' or '\u061C'
        or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static long ByteCount(string content) => Encoding.UTF8.GetByteCount(content);

    public static string ContentHash(string content)
    {
        // Encoded and hashed a piece at a time: a 5 MB text costs no 5 MB buffer (and no large-object-heap garbage)
        // on every save and every read that checks it.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        Span<byte> buffer = stackalloc byte[16 * 1024];
        var rest = content.AsSpan();
        while (true)
        {
            encoder.Convert(rest, buffer, flush: true, out var used, out var written, out var completed);
            hash.AppendData(buffer[..written]);
            rest = rest[used..];
            if (completed)
            {
                break;
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
