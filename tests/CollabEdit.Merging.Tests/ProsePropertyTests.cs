using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>
/// The prose mode's promises on random prose (FsCheck shrinks failures): edits to different words combine, each
/// exactly once, whatever the wrapping; edits to the same word always conflict; git's clean merges are untouched.
/// </summary>
public sealed class ProsePropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly string[] Vocabulary = ["the", "cat", "sat", "on", "a", "warm", "mat", "while", "rain", "fell", "softly", "outside", "and", "we", "read"];

    /// <summary>Unique words (so each can be counted), sentences of 6 to 12 words, wrapped at random or one paragraph per line.</summary>
    private static Gen<string[]> Words { get; } =
        from count in Gen.Choose(12, 60)
        from picks in Gen.ArrayOf(Gen.Choose(0, Vocabulary.Length - 1), count)
        from sentenceLengths in Gen.ArrayOf(Gen.Choose(6, 12), count)
        select Sentences(picks.Select((p, i) => $"{Vocabulary[p]}{i}").ToArray(), sentenceLengths);

    private static string[] Sentences(string[] words, int[] lengths)
    {
        var next = lengths[0];
        for (var i = 0; i < words.Length; i++)
        {
            if (i + 1 == next || i == words.Length - 1)
            {
                words[i] += ".";
                next += lengths[Math.Min(i + 1, lengths.Length - 1)];
            }
        }

        return words;
    }

    private static string Wrap(IReadOnlyList<string> words, int width)
    {
        var text = new System.Text.StringBuilder();
        var line = 0;
        foreach (var word in words)
        {
            if (line > 0 && width > 0 && line + word.Length > width)
            {
                text.Append('\n');
                line = 0;
            }
            else if (line > 0)
            {
                text.Append(' ');
                line++;
            }

            text.Append(word);
            line += word.Length;
        }

        return text.Append('\n').ToString();
    }

    /// <summary>Word positions for each side: in different sentences' words, never the same or neighbouring words, at most two a sentence.</summary>
    private sealed record Edits(string[] Base, int[] Mine, int[] Theirs, bool[] MineInserts, bool[] TheirsInserts, int MineWidth, int TheirsWidth, int BaseWidth)
    {
        public override string ToString() =>
            $"base [{string.Join(' ', Base)}] mine at [{string.Join(',', Mine)}] inserts [{string.Join(',', MineInserts)}] theirs at [{string.Join(',', Theirs)}] inserts [{string.Join(',', TheirsInserts)}] widths {BaseWidth}/{MineWidth}/{TheirsWidth}";
    }

    private static Gen<Edits> DisjointEdits { get; } =
        from words in Words
        from slots in Gen.Shuffle(Enumerable.Range(0, words.Length / 3).Select(i => i * 3).ToArray())
        from mineCount in Gen.Choose(1, Math.Max(1, slots.Length / 4))
        from theirsCount in Gen.Choose(1, Math.Max(1, slots.Length / 4))
        from mineInserts in Gen.ArrayOf(Gen.Elements(true, false), mineCount)
        from theirsInserts in Gen.ArrayOf(Gen.Elements(true, false), theirsCount)
        from widths in Gen.ArrayOf(Gen.Elements(0, 30, 50, 72), 3)
        let chosen = PerSentenceAtMostTwo(words, slots)
        select new Edits(words, [.. chosen.Take(mineCount)], [.. chosen.Skip(mineCount).Take(theirsCount)], mineInserts, theirsInserts, widths[0], widths[1], widths[2]);

    /// <summary>Slots three words apart are never neighbours; at most two edits in a sentence keep under the "mostly rewritten" guard.</summary>
    private static int[] PerSentenceAtMostTwo(string[] words, int[] slots)
    {
        var sentenceOf = new int[words.Length];
        for (int i = 0, sentence = 0; i < words.Length; i++)
        {
            sentenceOf[i] = sentence;
            if (words[i].EndsWith('.'))
            {
                sentence++;
            }
        }

        var perSentence = new Dictionary<int, int>();
        return [.. slots.Where(s => (perSentence[sentenceOf[s]] = perSentence.GetValueOrDefault(sentenceOf[s]) + 1) <= 2)];
    }

    private static List<string> Apply(string[] words, int[] positions, bool[] inserts, string marker)
    {
        var result = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            var edit = Array.IndexOf(positions, i);
            if (edit < 0)
            {
                result.Add(words[i]);
            }
            else if (inserts[edit])
            {
                result.Add(words[i]);
                result.Add($"{marker}{edit}");
            }
            else
            {
                result.Add($"{marker}{edit}" + (words[i].EndsWith('.') ? "." : ""));
            }
        }

        return result;
    }

    [Fact]
    public void EditsToDifferentWordsAlwaysMergeAndEachAppearsExactlyOnce() =>
        Prop.ForAll(DisjointEdits.ToArbitrary(), e =>
        {
            var mine = Apply(e.Base, e.Mine, e.MineInserts, "MINE");
            var theirs = Apply(e.Base, e.Theirs, e.TheirsInserts, "THEIRS");
            var result = ThreeWayMerge.Merge(Wrap(e.Base, e.BaseWidth), Wrap(mine, e.MineWidth), Wrap(theirs, e.TheirsWidth), MergeOptions.ForProse);
            if (!result.IsClean)
            {
                return false;
            }

            var merged = result.MergedText!.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var markers = Enumerable.Range(0, e.Mine.Length).Select(i => $"MINE{i}").Concat(Enumerable.Range(0, e.Theirs.Length).Select(i => $"THEIRS{i}"));
            var kept = e.Base.Where((_, i) => !IsReplaced(e, i));
            return markers.All(m => merged.Count(w => w.TrimEnd('.') == m) == 1)
                && kept.All(w => merged.Count(x => x == w) == 1)
                && merged.Length == kept.Count() + e.Mine.Length + e.Theirs.Length;
        }).Check(Config);

    private static bool IsReplaced(Edits e, int word) =>
        (Array.IndexOf(e.Mine, word) is var m and >= 0 && !e.MineInserts[m]) || (Array.IndexOf(e.Theirs, word) is var t and >= 0 && !e.TheirsInserts[t]);

    [Fact]
    public void TheSameWordEditedDifferentlyByBothSidesAlwaysConflicts() =>
        Prop.ForAll(Words.ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), Gen.Elements(0, 40, 72).ToArbitrary(), (words, pick, width) =>
        {
            var word = pick % words.Length;
            var mine = words.Select((w, i) => i == word ? "mine" : w).ToArray();
            var theirs = words.Select((w, i) => i == word ? "theirs" : w).ToArray();
            var result = ThreeWayMerge.Merge(Wrap(words, width), Wrap(mine, width), Wrap(theirs, 0), MergeOptions.ForProse);
            return !result.IsClean && result.Counts.Conflicts >= 1;
        }).Check(Config);

    [Fact]
    public void WhatGitMergesCleanlyTheProseModeLeavesExactlyAsGitDoes() =>
        Prop.ForAll(RandomEdits.Triples.ToArbitrary(), t =>
        {
            var git = ThreeWayMerge.Merge(t.BaseText, t.MineText, t.TheirsText);
            var prose = ThreeWayMerge.Merge(t.BaseText, t.MineText, t.TheirsText, MergeOptions.ForProse);
            return (!git.IsClean || prose.MergedText == git.MergedText)
                && string.Concat(prose.Chunks.Select(c => c.Base)) == t.BaseText
                && string.Concat(prose.Chunks.Select(c => c.Mine)) == t.MineText
                && string.Concat(prose.Chunks.Select(c => c.Theirs)) == t.TheirsText
                && prose.Counts.Conflicts + prose.Counts.Combined == git.Counts.Conflicts;
        }).Check(Config);
}
