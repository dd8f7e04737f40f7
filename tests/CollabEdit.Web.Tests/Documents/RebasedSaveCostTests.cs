using System.Diagnostics;
using System.Text;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// What one rebased save costs on a 1 MB document, typists spread over it, each save rebased over the others' saves
/// since its base (printed; run alone so that the figures are this save's). Theirs is composed from the changes this
/// server remembers; diffing the two texts instead is measured beside it.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class RebasedSaveCostTests(CollabEditApiFactory factory, ITestOutputHelper output) : IClassFixture<CollabEditApiFactory>
{
    private const int Typists = 20;
    private const int Rounds = 5;

    private CommandPipeline Commands => factory.Services.GetRequiredService<CommandPipeline>();

    [Fact]
    public async Task RebasedSavesOnAOneMegabyteDocumentLandWithEveryWordAndTheirCostIsPrinted()
    {
        var text = OneMegabyte();
        var created = Assert.IsType<DocumentOutcome.Created>(
            await Commands.SendAsync(new CreateDocumentCommand("One megabyte", null, text, new DocumentActor("Ana")), CancellationToken.None)).Document;
        var bases = Enumerable.Repeat((Text: text, Version: 1), Typists).ToArray();
        var timings = new List<double>();
        var rebased = 0;

        // Round robin: every save is based on its typist's last answer, so it is rebased over the other typists' saves since.
        for (var round = 0; round < Rounds; round++)
        {
            for (var typist = 0; typist < Typists; typist++)
            {
                var (mine, version) = bases[typist];
                var at = mine.IndexOf($"[typist {typist:D2}]", StringComparison.Ordinal) + 11;
                var changes = ChangeSet.Of(mine.Length, [new TextChange(at, at, $" r{round}")]);
                var clock = Stopwatch.StartNew();
                var outcome = await Commands.SendAsync(
                    SaveDocumentCommand.RebasedOnBase(created.Head.Id, changes, null, version, new DocumentActor($"t{typist}")), CancellationToken.None);
                clock.Stop();
                var saved = Assert.IsType<DocumentOutcome.Saved>(outcome);
                if (saved.Rebased is not null)
                {
                    rebased++;
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                }

                bases[typist] = (saved.Document.Content, saved.Document.Head.CurrentVersion);
            }
        }

        var final = bases.MaxBy(b => b.Version);
        Assert.Equal(1 + Typists * Rounds, final.Version);
        for (var typist = 0; typist < Typists; typist++)
        {
            Assert.Contains($"[typist {typist:D2}] r4 r3 r2 r1 r0", final.Text, StringComparison.Ordinal);
        }

        Assert.Equal(Typists * Rounds - 1, rebased);
        timings.Sort();
        output.WriteLine($"{rebased} rebased saves of one word on a {text.Length / 1024} KiB document over {Typists - 1} versions each: " +
            $"p50 {timings[timings.Count / 2]:F1} ms, p95 {timings[timings.Count * 95 / 100]:F1} ms, max {timings[^1]:F1} ms (SQLite/PostgreSQL write included)");

        // The same one-word saves on the current version, not rebased: what any save of this document costs.
        var plain = new List<double>();
        var (current, currentVersion) = (final.Text, final.Version);
        for (var i = 0; i < Typists; i++)
        {
            var changes = ChangeSet.Of(current.Length, [new TextChange(0, 0, "x")]);
            var clock = Stopwatch.StartNew();
            var saved = Assert.IsType<DocumentOutcome.Saved>(await Commands.SendAsync(
                SaveDocumentCommand.RebasedOnBase(created.Head.Id, changes, null, currentVersion, new DocumentActor("Ana")), CancellationToken.None));
            plain.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Null(saved.Rebased);
            (current, currentVersion) = (saved.Document.Content, saved.Document.Head.CurrentVersion);
        }

        plain.Sort();
        output.WriteLine($"{Typists} saves on the current version (not rebased): p50 {plain[plain.Count / 2]:F1} ms, max {plain[^1]:F1} ms");

        // The parts, alone: theirs by diffing the two texts, theirs composed from the versions' changes, the rebase itself.
        var before = text;
        var links = new List<ChangeSet>();
        var after = before;
        for (var typist = 0; typist < Typists - 1; typist++)
        {
            var at = after.IndexOf($"[typist {typist:D2}]", StringComparison.Ordinal) + 11;
            var link = ChangeSet.Of(after.Length, [new TextChange(at, at, " x")]);
            links.Add(link);
            after = link.Apply(after);
        }

        var diffed = Time(() => ChangeSet.Between(before, after), out var diff);
        var composed = Time(() => links.Skip(1).Aggregate(links[0], (all, next) => all.Compose(next)), out var composition);
        var mineAt = before.IndexOf($"[typist {Typists - 1:D2}]", StringComparison.Ordinal) + 11;
        var rebaseTime = Time(() => Rebase.Of(before, ChangeSet.Of(before.Length, [new TextChange(mineAt, mineAt, " y")]), composition), out var result);
        var applyTime = Time(() => result.OnTheirs.Apply(after), out _);
        Assert.Equal(after, diff.Apply(before));
        Assert.Equal(after, composition.Apply(before));
        Assert.True(result.IsClean);
        output.WriteLine($"theirs over {Typists - 1} versions: diff of the texts {diffed:F2} ms, composition of the changes {composed:F3} ms; " +
            $"Rebase.Of {rebaseTime:F3} ms; the rebased text built {applyTime:F2} ms");
    }

    private static double Time<T>(Func<T> work, out T result)
    {
        result = work();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            result = work();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    /// <summary>About 1 MB of prose in paragraphs, with each typist's place marked evenly through it.</summary>
    private static string OneMegabyte()
    {
        var text = new StringBuilder();
        var paragraph = 0;
        while (text.Length < 1 << 20)
        {
            var typist = paragraph % (2000 / Typists) == 0 ? paragraph / (2000 / Typists) : -1;
            if (typist is >= 0 and < Typists)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"[typist {typist:D2}]\n\n");
            }

            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Paragraph {paragraph} says what paragraphs say, at some length, so that the text reads like prose ")
                .Append("and a diff has lines to compare: words, commas, and a full stop at the end of each sentence.\n")
                .Append("A second line of the same paragraph, as people wrap their text in Markdown.\n\n");
            paragraph++;
        }

        return text.ToString();
    }
}
