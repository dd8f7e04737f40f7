using System.Text;

namespace CollabEdit.Merging.Tests;

/// <summary>The real merges in ../shared/merge-cases (from pallets/click), with git merge-file's answers.</summary>
public static class MergeCases
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(Path.Combine(Root, "click")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static TheoryData<string> All() => new(Names());

    /// <summary>Latin-1 maps every byte to one char and back, so files of any encoding round-trip exactly.</summary>
    public static string Read(string name, string file) =>
        Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(Root, "click", name, file)));

    public static int ExpectedStatus(string name) => int.Parse(Read(name, "expected.status").Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "merge-cases");
            if (File.Exists(Path.Combine(directory.FullName, "CollabEdit.sln")) && Directory.Exists(Path.Combine(directory.FullName, "..", "shared", "merge-cases")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "merge-cases"));
            }

            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/merge-cases was not found next to the repository.");
    }
}
