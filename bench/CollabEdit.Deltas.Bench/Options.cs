using System.Globalization;

namespace CollabEdit.Deltas.Bench;

/// <summary>The bench's command line (see Program.cs).</summary>
internal sealed record Options(HashSet<string>? Only, int ReadVersions, int Reads, int Saves, int Seconds, string? Output, bool Postgres)
{
    public bool Runs(string part) => Only is null || Only.Contains(part);

    public static Options Parse(string[] args)
    {
        var options = new Options(null, 1000, 200, 20, 10, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--only" => options with { Only = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
                "--read-versions" => options with { ReadVersions = Number() },
                "--reads" => options with { Reads = Number() },
                "--saves" => options with { Saves = Number() },
                "--seconds" => options with { Seconds = Number() },
                "--output" => options with { Output = Next() },
                "--postgres" => options with { Postgres = true },
                "--quick" => options with { ReadVersions = 100, Saves = 10, Seconds = 5 },
                _ => throw new ArgumentException($"Unknown option {args[i]} (see the top of Program.cs)."),
            };
        }

        return options;
    }
}
