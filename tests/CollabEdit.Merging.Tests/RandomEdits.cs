using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>A base text and two edits of it, as lines.</summary>
public sealed record EditedTriple(string[] Base, string[] Mine, string[] Theirs)
{
    public string BaseText => Join(Base);
    public string MineText => Join(Mine);
    public string TheirsText => Join(Theirs);

    public override string ToString() => $"base [{string.Join(",", Base)}] mine [{string.Join(",", Mine)}] theirs [{string.Join(",", Theirs)}]";

    private static string Join(string[] lines) => string.Concat(lines.Select(l => l + "\n"));
}

/// <summary>
/// Random base texts over a small alphabet (so that lines repeat and edits overlap often) and random edits
/// of them: replace, insert or delete a range, a few times on each side.
/// </summary>
public static class RandomEdits
{
    private static readonly string[] Alphabet = ["a", "b", "c", "d", "e", "f", "{", "}", ""];

    public static Gen<EditedTriple> Triples { get; } =
        from @base in Gen.ListOf(Gen.Elements(Alphabet)).Select(l => l.Take(14).ToArray())
        from mine in Edited(@base)
        from theirs in Edited(@base)
        select new EditedTriple(@base, mine, theirs);

    private static Gen<string[]> Edited(string[] @base) =>
        from count in Gen.Choose(0, 3)
        from edits in Gen.ListOf(Edit(), count).Select(e => e.ToArray())
        select edits.Aggregate(@base, (lines, edit) => edit(lines));

    private static Gen<Func<string[], string[]>> Edit() =>
        from start in Gen.Choose(0, 16)
        from length in Gen.Choose(0, 4)
        from replacement in Gen.ListOf(Gen.Elements(Alphabet.Concat(["x", "y", "z"]).ToArray())).Select(l => l.Take(4).ToArray())
        select (Func<string[], string[]>)(lines =>
        {
            var at = Math.Min(start, lines.Length);
            var removed = Math.Min(length, lines.Length - at);
            return [.. lines[..at], .. replacement, .. lines[(at + removed)..]];
        });

    /// <summary>The same triples from a seeded System.Random, for tests that compare with an external program.</summary>
    public static IEnumerable<EditedTriple> Seeded(int seed, int count)
    {
        var random = new Random(seed);
        string Pick() => Alphabet[random.Next(Alphabet.Length)];
        string[] Edit(string[] lines)
        {
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                var at = random.Next(0, lines.Length + 1);
                var removed = Math.Min(random.Next(0, 5), lines.Length - at);
                var inserted = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(4) == 0 ? "x" + random.Next(3) : Pick());
                lines = [.. lines[..at], .. inserted, .. lines[(at + removed)..]];
            }

            return lines;
        }

        for (var i = 0; i < count; i++)
        {
            var @base = Enumerable.Range(0, random.Next(0, 15)).Select(_ => Pick()).ToArray();
            yield return new EditedTriple(@base, Edit(@base), Edit(@base));
        }
    }
}
