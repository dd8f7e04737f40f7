using System.Reflection;
using System.Text;
using CollabEdit.Cli.Sync;

namespace CollabEdit.Cli;

/// <summary>The <c>collabedit</c> commands, chosen by the first argument.</summary>
internal static class Commands
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public const string Usage = """
        usage: collabedit merge [-p|--stdout] [--diff3] [--prose] [-L <label>]... <ours> <base> <theirs>
               collabedit corpus [--joined] [--list] <directory>...
               collabedit pull <url> <file>
               collabedit push <file> [<url>]
               collabedit --version
        """;

    public static int Run(string[] args, Stream standardOutput, TextWriter standardError)
    {
        switch (args)
        {
            case ["merge", .. var rest]:
                return MergeCommand.Run(rest, standardOutput, standardError);
            case ["corpus", .. var rest]:
                using (var output = new StreamWriter(standardOutput, Utf8, 1 << 12, leaveOpen: true))
                {
                    return CorpusCommand.Run(rest, output, standardError);
                }

            case ["pull" or "push", .. var rest]:
                using (var output = new StreamWriter(standardOutput, Utf8, 1 << 12, leaveOpen: true))
                {
                    var context = SyncContext.FromEnvironment(output, standardError);
                    return (args[0] == "pull" ? PullCommand.RunAsync(rest, context) : PushCommand.RunAsync(rest, context)).GetAwaiter().GetResult();
                }

            case ["--version"]:
                return Write(standardOutput, typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
            case ["-h" or "--help"]:
                return Write(standardOutput, Usage);
            default:
                standardError.WriteLine(args.Length == 0 ? "error: a command is needed" : $"error: unknown command: {args[0]}");
                standardError.WriteLine(Usage);
                return MergeCommand.UsageStatus;
        }
    }

    private static int Write(Stream standardOutput, string text)
    {
        using var output = new StreamWriter(standardOutput, Utf8, 1 << 12, leaveOpen: true);
        output.WriteLine(text);
        return 0;
    }
}
