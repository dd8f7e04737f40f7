using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using CollabEdit.Merging.Bench;

// bench/CollabEdit.Merging.Bench -- generate <folder>   writes the inputs of bench/merge-vs-git.sh
// bench/CollabEdit.Merging.Bench -- [BenchmarkDotNet arguments, e.g. --filter *Worst*]
if (args is ["generate", var folder])
{
    MergeInputs.Write(folder, "100k", MergeInputs.Scattered(100_000));
    MergeInputs.Write(folder, "1m", MergeInputs.Scattered(1_000_000));
    MergeInputs.Write(folder, "worst20k", MergeInputs.AllDifferent(20_000));
    return 0;
}

// DiffPlex 1.4.4, the reference, is published as a non-optimized build; BenchmarkDotNet would refuse to run it.
BenchmarkSwitcher.FromAssembly(typeof(MergeInputs).Assembly).Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator));
return 0;
