using System.Globalization;
using System.Text;

namespace CollabEdit.Web.Tests.Architecture;

/// <summary>
/// The folders of src/CollabEdit.Web and which uses which, from the types they hold (namespaces equal folders here).
/// Nodes: each <c>Features/X</c>, <c>Storage</c> (its migrations included), <c>Components</c> (App, Routes and the
/// imports) and each <c>Components/X</c> apart, since the pages, the editor's parts and the layout are layers of
/// their own; and the root files (Program.cs), the composition root, which may use everything and which nothing
/// may use. Types outside the app's namespaces (what source generators add) are left out of the graph.
/// </summary>
public sealed class FolderGraph
{
    public const string Root = "(root)";
    private const string App = "CollabEdit.Web";

    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Folders => _folders;

    private readonly SortedSet<string> _folders = new(StringComparer.Ordinal);

    /// <summary>The graph of the app's folders, from what the compiled app's types use.</summary>
    public static FolderGraph OfWebApp() => Of(TypeDependencies.Read(typeof(Program).Assembly.Location));

    public static FolderGraph Of(IReadOnlyDictionary<string, IReadOnlySet<string>> typeUses)
    {
        var graph = new FolderGraph();
        foreach (var (type, uses) in typeUses)
        {
            if (FolderOf(type) is not { } from)
            {
                continue;
            }

            graph._folders.Add(from);
            foreach (var used in uses)
            {
                if (FolderOf(used) is { } to && to != from)
                {
                    graph.Add(from, to, $"{ShortName(type)} uses {ShortName(used)}");
                }
            }
        }

        return graph;
    }

    /// <summary>The folder of a type by its full name, or null for a type that is not the app's own code.</summary>
    public static string? FolderOf(string fullTypeName)
    {
        // Razor's type inference helpers for a component live in "__Blazor." + the component's full name.
        const string RazorHelpers = "__Blazor.";
        if (fullTypeName.StartsWith(RazorHelpers, StringComparison.Ordinal))
        {
            fullTypeName = fullTypeName[RazorHelpers.Length..];
        }

        var lastDot = fullTypeName.LastIndexOf('.');
        var space = lastDot < 0 ? "" : fullTypeName[..lastDot];
        var name = lastDot < 0 ? fullTypeName : fullTypeName[(lastDot + 1)..];
        if (space.Length == 0)
        {
            // Program.cs's top-level statements compile to Program in the global namespace; <Module> and the
            // compiler's <PrivateImplementationDetails> are no one's code.
            return name.StartsWith('<') ? null : Root;
        }

        if (space == App)
        {
            return Root;
        }

        if (!space.StartsWith(App + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = space[(App.Length + 1)..].Split('.');
        return parts switch
        {
            ["Features" or "Components", var folder, ..] => $"{parts[0]}/{folder}",
            [var folder, ..] => folder,
            _ => null,
        };
    }

    /// <summary>A folder → the folders it uses.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Edges =>
        _edges.ToDictionary(pair => pair.Key, pair => (IReadOnlyCollection<string>)pair.Value.Keys, StringComparer.Ordinal);

    /// <summary>Why <paramref name="from"/> uses <paramref name="to"/>: which of its types uses which.</summary>
    public IReadOnlyCollection<string> Reasons(string from, string to) =>
        _edges.TryGetValue(from, out var targets) && targets.TryGetValue(to, out var reasons) ? reasons : [];

    public void Add(string from, string to, string reason)
    {
        _folders.Add(from);
        _folders.Add(to);
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        }

        if (!targets.TryGetValue(to, out var reasons))
        {
            targets[to] = reasons = new SortedSet<string>(StringComparer.Ordinal);
        }

        reasons.Add(reason);
    }

    /// <summary>
    /// The cycles, one per edge that lies on one: the shortest way back from its end to its start. A group of
    /// folders that all reach each other (a strongly connected component) shows as the cycles through its edges,
    /// each named once (a cycle found from two of its edges is the same cycle).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (from, targets) in _edges)
        {
            foreach (var to in targets.Keys)
            {
                if (ShortestPath(to, from) is not { } back)
                {
                    continue;
                }

                var cycle = new List<string> { from };
                cycle.AddRange(back);
                // The same cycle from another of its edges is a rotation of this one: name it from its smallest folder.
                var start = cycle.IndexOf(cycle.Min(StringComparer.Ordinal)!);
                var rotated = cycle.Skip(start).Concat(cycle.Take(start)).ToList();
                if (seen.Add(string.Join(" → ", rotated)))
                {
                    rotated.Add(rotated[0]);
                    cycles.Add(rotated);
                }
            }
        }

        return cycles.OrderBy(cycle => cycle.Count).ThenBy(cycle => string.Join(" → ", cycle), StringComparer.Ordinal).ToList();
    }

    private List<string>? ShortestPath(string from, string to)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var folder = queue.Dequeue();
            if (folder == to)
            {
                var path = new List<string>();
                for (string? step = to; step is not null; step = previous[step])
                {
                    path.Add(step);
                }

                path.Reverse();
                // The path ends where the cycle starts; the caller puts that folder first.
                path.RemoveAt(path.Count - 1);
                return path;
            }

            foreach (var next in _edges.TryGetValue(folder, out var targets) ? targets.Keys : Enumerable.Empty<string>())
            {
                if (previous.TryAdd(next, folder))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The groups of folders that all reach each other (strongly connected components of more than one folder):
    /// none of them can be read or changed without the others.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Knots()
    {
        var knots = new List<IReadOnlyList<string>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in _folders.Where(folder => !placed.Contains(folder)))
        {
            var knot = _folders
                .Where(other => other == folder || (ShortestPath(folder, other) is not null && ShortestPath(other, folder) is not null))
                .ToList();
            placed.UnionWith(knot);
            if (knot.Count > 1)
            {
                knots.Add(knot);
            }
        }

        return knots;
    }

    /// <summary>The knots, then each cycle with, for each of its steps, a few of the type uses that make it.</summary>
    public string DescribeCycles(int reasonsPerStep = 3)
    {
        var text = new StringBuilder();
        foreach (var knot in Knots())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{knot.Count} folders all reach each other: {string.Join(", ", knot)}");
        }

        foreach (var cycle in Cycles())
        {
            text.AppendLine(string.Join(" → ", cycle));
            for (var i = 0; i + 1 < cycle.Count; i++)
            {
                var reasons = Reasons(cycle[i], cycle[i + 1]);
                var more = reasons.Count > reasonsPerStep ? $" (+{reasons.Count - reasonsPerStep} more)" : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"    {cycle[i]} → {cycle[i + 1]}: {string.Join("; ", reasons.Take(reasonsPerStep))}{more}");
            }
        }

        return text.ToString();
    }

    /// <summary>The graph as a Mermaid flowchart, for the README's layout section.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder("flowchart TD\n");
        foreach (var folder in _folders)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {Id(folder)}[\"{folder}\"]");
        }

        foreach (var (from, targets) in _edges)
        {
            foreach (var to in targets.Keys)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {Id(from)} --> {Id(to)}");
            }
        }

        return text.ToString();

        static string Id(string folder) => new(folder.Where(char.IsLetterOrDigit).ToArray());
    }

    /// <summary>The graph as plain lines, one folder and what it uses per line.</summary>
    public override string ToString() =>
        string.Join('\n', _folders.Select(folder =>
            $"{folder} → {(_edges.TryGetValue(folder, out var targets) ? string.Join(", ", targets.Keys) : "(nothing)")}"));

    private static string ShortName(string fullTypeName) => fullTypeName[(fullTypeName.LastIndexOf('.') + 1)..];
}
