using BenchmarkDotNet.Attributes;
using DiffPlex;

namespace CollabEdit.Merging.Bench;

/// <summary>The engine in process: a whole merge (two diffs, the merge, the text), and DiffPlex's two line diffs for reference.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ScatteredEditsBenchmarks
{
    private (string Base, string Mine, string Theirs) _texts;

    [Params(1_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => _texts = MergeInputs.Scattered(Lines);

    [Benchmark(Baseline = true)]
    public int Merge() => ThreeWayMerge.MergeWithMarkers(_texts.Base, _texts.Mine, _texts.Theirs, ConflictLabels.Default, diff3: false).Conflicts;

    [Benchmark]
    public int DiffPlexTwoLineDiffs()
    {
        var differ = new Differ();
        return differ.CreateLineDiffs(_texts.Base, _texts.Mine, false).DiffBlocks.Count
            + differ.CreateLineDiffs(_texts.Base, _texts.Theirs, false).DiffBlocks.Count;
    }
}

/// <summary>Two 20k-line texts with no line in common: where an unbounded Myers search is quadratic.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class WorstCaseBenchmarks
{
    private (string Base, string Mine, string Theirs) _texts;

    [GlobalSetup]
    public void Setup() => _texts = MergeInputs.AllDifferent(20_000);

    [Benchmark(Baseline = true)]
    public int Merge() => ThreeWayMerge.MergeWithMarkers(_texts.Base, _texts.Mine, _texts.Theirs, ConflictLabels.Default, diff3: false).Conflicts;

    [Benchmark]
    public int DiffPlexLineDiff() => new Differ().CreateLineDiffs(_texts.Base, _texts.Mine, false).DiffBlocks.Count;
}
