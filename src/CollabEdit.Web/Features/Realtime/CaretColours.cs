namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// A caret's colour, from its person's name: the same name has the same colour in every browser and on every
/// server (a hash of the name's characters, never <see cref="string.GetHashCode()"/>, which differs per process).
/// </summary>
public static class CaretColours
{
    /// <summary>
    /// Mid tones: a 2 px caret in any of them shows on a white page and on MudBlazor's dark one, and the browser
    /// writes the name label in black or white, whichever reads better on it.
    /// </summary>
    public static readonly IReadOnlyList<string> Palette =
    [
        "#e53935", // red
        "#1e88e5", // blue
        "#43a047", // green
        "#fb8c00", // orange
        "#8e24aa", // purple
        "#00acc1", // cyan
        "#d81b60", // pink
        "#7cb342", // light green
        "#5e35b1", // deep purple
        "#f4511e", // deep orange
        "#00897b", // teal
        "#c0ca33", // lime
    ];

    public static string For(string name)
    {
        // FNV-1a over the UTF-16 code units: stable across processes and machines.
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Palette[(int)(hash % (uint)Palette.Count)];
    }
}
