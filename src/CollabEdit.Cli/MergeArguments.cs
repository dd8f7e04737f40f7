namespace CollabEdit.Cli;

/// <summary>
/// The arguments of <c>collabedit merge</c>, parsed by hand in git's way: options before or between the three
/// files, <c>-L label</c> up to three times, <c>--</c> ends the options. (A parser library cost more start-up time
/// than a whole small merge: the CLI has to start faster than git.)
/// </summary>
/// <param name="Ours">My version; overwritten with the result unless <paramref name="ToStdout"/>.</param>
/// <param name="Base">The version both edits started from.</param>
/// <param name="Theirs">Their version.</param>
/// <param name="Labels">Labels for ours, base and theirs, in order (at most three).</param>
/// <param name="ToStdout">Write the result to standard output.</param>
/// <param name="Diff3">Show base inside conflicts.</param>
/// <param name="Prose">Merge git's conflicts again word by word (prose mode).</param>
internal sealed record MergeArguments(string Ours, string Base, string Theirs, IReadOnlyList<string> Labels, bool ToStdout, bool Diff3, bool Prose)
{
    public const string Usage = "usage: collabedit merge [-p|--stdout] [--diff3] [--prose] [-q|--quiet] [-L <label>]... <ours> <base> <theirs>";

    public const string Help = $"""
        {Usage}

        Three-way merge of <ours> and <theirs> against <base>, as git merge-file does: the same markers, and the exit
        status is the number of conflicts (at most 127); 255 when a file cannot be read or written or is binary; 129
        for bad arguments.

          -p, --stdout   write the result to standard output instead of overwriting <ours>
          --diff3        show the base version inside conflicts, between ||||||| and =======
          --prose        merge each conflict again word by word, aware of sentences and Markdown (code blocks,
                         tables and front matter excepted); what combines is written merged, the rest as git's
                         conflicts. Without it the output is byte-identical to git's.
          -q, --quiet    accepted for compatibility with git merge-file
          -L <label>     label for ours, then base, then theirs (up to three times); the file names by default
        """;

    /// <summary>The arguments after <c>merge</c>, or the reason they are not valid.</summary>
    public static (MergeArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var labels = new List<string>();
        bool toStdout = false, diff3 = false, prose = false, optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg is "-" || !arg.StartsWith('-'))
            {
                files.Add(arg);
                continue;
            }

            switch (arg)
            {
                case "--":
                    optionsEnded = true;
                    break;
                case "-p" or "--stdout":
                    toStdout = true;
                    break;
                case "--diff3":
                    diff3 = true;
                    break;
                case "--prose":
                    prose = true;
                    break;
                case "-q" or "--quiet":
                    break;
                case "-L":
                    if (i + 1 >= args.Count)
                    {
                        return (null, "-L needs a label");
                    }

                    labels.Add(args[++i]);
                    break;
                default:
                    return (null, $"unknown option: {arg}");
            }
        }

        if (labels.Count > 3)
        {
            return (null, "too many labels: -L is given at most three times (ours, base, theirs)");
        }

        if (files.Count != 3)
        {
            return (null, $"three files are needed (ours, base, theirs); {files.Count} given");
        }

        return (new MergeArguments(files[0], files[1], files[2], labels, toStdout, diff3, prose), null);
    }
}
