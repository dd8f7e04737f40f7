namespace CollabEdit.Merging.Tests;

/// <summary>The prose mode on the cases people meet: one paragraph per line, re-wrapped paragraphs, Markdown blocks.</summary>
public sealed class ProseMergeTests
{
    private static MergeResult Prose(string @base, string mine, string theirs) => ThreeWayMerge.Merge(@base, mine, theirs, MergeOptions.ForProse);

    [Fact]
    public void EditsToDifferentSentencesOfOneLineCombine()
    {
        var result = Prose(
            "Intro.\n\nThe cat sat on the mat. It was warm. The dog slept.\n\nEnd.\n",
            "Intro.\n\nThe cat sat on the red mat. It was warm. The dog slept.\n\nEnd.\n",
            "Intro.\n\nThe cat sat on the mat. It was warm. The old dog slept.\n\nEnd.\n");

        Assert.True(result.IsClean);
        Assert.Equal("Intro.\n\nThe cat sat on the red mat. It was warm. The old dog slept.\n\nEnd.\n", result.MergedText);
        var combined = Assert.Single(result.Chunks, c => c.Kind == MergeChunkKind.Combined);
        Assert.Equal("The cat sat on the red mat. It was warm. The old dog slept.\n", combined.Merged);
        Assert.Equal(1, result.Counts.Combined);
    }

    [Fact]
    public void WithoutTheProseOptionTheSameMergeIsGitsConflict()
    {
        var result = ThreeWayMerge.Merge("a b c d e\n", "a X c d e\n", "a b c Y e\n");

        Assert.False(result.IsClean);
        Assert.DoesNotContain(result.Chunks, c => c.Kind == MergeChunkKind.Combined);
    }

    [Fact]
    public void ARewrappedParagraphTakesTheOtherSidesWordEditAndKeepsItsWrapping()
    {
        const string Base = "Identifier patterns bind the value they match to a variable. The identifier\nmust be unique within the pattern. The variable will shadow any variables of\nthe same name in scope.\n";
        const string Mine = "Identifier patterns bind the value they match to a variable.\nThe identifier must be unique within the pattern.\nThe variable will shadow any variables of the same name in scope.\n";
        const string Theirs = "Identifier patterns bind the value they match to a variable. The identifier\nmust be unique within the pattern. The variable will shadow any variables of\nthe same name in [scope].\n";

        var result = Prose(Base, Mine, Theirs);

        Assert.Equal("Identifier patterns bind the value they match to a variable.\nThe identifier must be unique within the pattern.\nThe variable will shadow any variables of the same name in [scope].\n", result.MergedText);
    }

    [Theory]
    [InlineData("The cat sat.\n", "The dog sat.\n", "The cow sat.\n")]
    [InlineData("The cat sat.\n", "The dog sat.\n", "The cats sat.\n")]
    [InlineData("One two three four.\n", "One TWO three four.\n", "One two THREE four.\n")]
    [InlineData("See [the guide](a.md) now.\n", "See [the manual](a.md) now.\n", "See [the guide](b.md) now.\n")]
    [InlineData("Run `cargo build` first.\n", "Run `cargo build --release` first.\n", "Run `cargo test` first.\n")]
    [InlineData("Alpha beta.\n", "Alpha beta gamma.\n", "Alpha beta delta.\n")]
    public void EditsOfTheSameOrNeighbouringWordsOrOfOneLinkStayConflicts(string @base, string mine, string theirs)
    {
        var result = Prose(@base, mine, theirs);

        Assert.Equal(1, result.Counts.Conflicts);
        Assert.Equal(0, result.Counts.Combined);
    }

    [Fact]
    public void ASentenceRewrittenByOneSideAndEditedByTheOtherStaysAConflict()
    {
        var result = Prose(
            "Functions may declare a set of input variables as parameters.\n",
            "A function takes its inputs as parameters, declared in its signature.\n",
            "Functions may declare a set of input variables as arguments.\n");

        Assert.False(result.IsClean);
    }

    [Fact]
    public void AHeadingEditedByBothSidesStaysAConflict()
    {
        var result = Prose("## Borrow operators\n", "## Borrowing operators\n", "## Borrow expressions\n");

        Assert.False(result.IsClean);
    }

    [Theory]
    [InlineData("```\nlet a = 1; let b = 2;\n```\n", "```\nlet a = 10; let b = 2;\n```\n", "```\nlet a = 1; let b = 20;\n```\n")]
    [InlineData("    let a = 1; let b = 2;\n", "    let a = 10; let b = 2;\n", "    let a = 1; let b = 20;\n")]
    [InlineData("| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n", "| a | b | c | d |\n|---|---|---|---|\n| 10 | 2 | 3 | 4 |\n", "| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 40 |\n")]
    [InlineData("---\ntitle: A long title here\n---\nText.\n", "---\ntitle: A short title here\n---\nText.\n", "---\ntitle: A long title there\n---\nText.\n")]
    [InlineData("<div class=\"a b c\">x</div>\n", "<div class=\"A b c\">x</div>\n", "<div class=\"a b C\">x</div>\n")]
    public void CodeTablesFrontMatterAndHtmlKeepTheLineConflict(string @base, string mine, string theirs)
    {
        var result = Prose(@base, mine, theirs);

        Assert.Equal(1, result.Counts.Conflicts);
        Assert.Equal(0, result.Counts.Combined);
    }

    [Fact]
    public void LinkDefinitionsAddedByBothSidesAtOnePlaceAreAllKept()
    {
        var result = Prose(
            "Text.\n\n[a]: a.md\n",
            "Text.\n\n[a]: a.md\n[b]: b.md\n[c]: c.md\n",
            "Text.\n\n[a]: a.md\n[scope]: scope.md\n");

        Assert.Equal("Text.\n\n[a]: a.md\n[b]: b.md\n[c]: c.md\n[scope]: scope.md\n", result.MergedText);
    }

    [Fact]
    public void ALinkDefinitionChangedByBothSidesDifferentlyIsAConflict()
    {
        var result = Prose("x\n\n[a]: a.md\n", "x\n\n[a]: b.md\n[new]: n.md\n", "x\n\n[a]: c.md\n");

        Assert.False(result.IsClean);
    }

    [Fact]
    public void AParagraphBreakAddedWhereTheOtherSideAddedWordsStaysAConflict()
    {
        var result = Prose("- one\n- two\n", "- one\n- two\n- three\n", "- one\n- two\n\n");

        Assert.False(result.IsClean);
    }

    [Fact]
    public void ACombinedRegionCanBeTurnedBackIntoGitsConflict()
    {
        // Four lines apart: git keeps conflicts closer than that as one.
        const string Keep = "k1\nk2\nk3\nk4\n";
        var result = Prose($"a b c d e\n{Keep}x y z\n", $"a B c d e\n{Keep}X y z\n", $"a b c D e\n{Keep}x y Z\n");
        Assert.Equal(2, result.Counts.Combined);
        var second = result.Chunks.Select((c, i) => (c, i)).Last(p => p.c.Kind == MergeChunkKind.Combined).i;

        var reverted = result.AsConflict(second);

        Assert.False(reverted.IsClean);
        Assert.Null(reverted.MergedText);
        Assert.Equal(1, reverted.Counts.Combined);
        var conflict = Assert.Single(reverted.Conflicts);
        Assert.Equal((0, "X y z\n", "x y Z\n"), (conflict.ConflictIndex!.Value, conflict.Mine, conflict.Theirs));
        Assert.Throws<ArgumentException>(() => reverted.AsConflict(second));
    }

    [Fact]
    public void WhitespaceInsideUtf8BytesReadAsLatin1IsNotASpace()
    {
        // "à" is C3 A0 in UTF-8; read as Latin-1, A0 is a no-break space, which must not split a word.
        var a = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("voilà"));
        var result = Prose($"un {a} deux trois quatre\n", $"UN {a} deux trois quatre\n", $"un {a} deux trois QUATRE\n");

        Assert.Equal($"UN {a} deux trois QUATRE\n", result.MergedText);
    }

    [Fact]
    public void TheMarkersOutputCombinesWhatItCanAndKeepsGitsMarkersForTheRest()
    {
        const string Base = "a b c d e\n\nk1\nk2\nk3\nk4\n```\ncode 1\n```\n";
        const string Mine = "a B c d e\n\nk1\nk2\nk3\nk4\n```\ncode 2\n```\n";
        const string Theirs = "a b c D e\n\nk1\nk2\nk3\nk4\n```\ncode 3\n```\n";

        var (text, conflicts) = ThreeWayMerge.MergeWithMarkers(Base, Mine, Theirs, new ConflictLabels("ours", "base", "theirs"), diff3: false, prose: true);
        var (gitText, gitConflicts) = ThreeWayMerge.MergeWithMarkers(Base, Mine, Theirs, new ConflictLabels("ours", "base", "theirs"), diff3: false);

        Assert.Equal((1, 2), (conflicts, gitConflicts));
        Assert.Equal("a B c D e\n\nk1\nk2\nk3\nk4\n```\n<<<<<<< ours\ncode 2\n=======\ncode 3\n>>>>>>> theirs\n```\n", text);
        Assert.StartsWith("<<<<<<< ours\na B c d e\n", gitText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('[')]
    [InlineData('`')]
    public void AHostileParagraphOfUnclosedBracketsOrBackticksStaysLinear(char opener)
    {
        // 150,000 openers that never close, in one paragraph that both sides edit: an unbounded search for the
        // closing bracket after each would take hours. (A guard, not a benchmark: the bound is far from the time.)
        var paragraph = string.Concat(Enumerable.Repeat($"{opener}word ", 150_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = Prose($"Start {paragraph}end.\n", $"START {paragraph}end.\n", $"Start {paragraph}END.\n");

        Assert.True(result.IsClean);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
