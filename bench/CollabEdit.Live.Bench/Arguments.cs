using System.Globalization;

namespace CollabEdit.Live.Bench;

/// <summary>The command line: which parts, how long, which inputs.</summary>
public sealed record Arguments(HashSet<string> Only, int Seconds, int[] Sizes, int[] Typists, int Viewers, int LoadSeconds)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        int[] Numbers(string name, string fallback) => [.. Get(name, fallback).Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];
        return new Arguments(
            [.. Get("only", "browser,load").Split(',')],
            int.Parse(Get("seconds", "30"), CultureInfo.InvariantCulture),
            Numbers("sizes", "10000,1000000"),
            Numbers("typists", "10,50,100"),
            int.Parse(Get("viewers", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Get("load-seconds", "30"), CultureInfo.InvariantCulture));
    }
}
