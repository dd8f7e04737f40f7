namespace CollabEdit.E2E;

/// <summary>
/// A text's length and 32-bit FNV-1a hash over its UTF-16 code units: the browser computes the same
/// (<see cref="EditorDriver.FingerprintAsync"/>), so two texts of megabytes are compared without moving them.
/// </summary>
public readonly record struct Fingerprint(int Length, uint Hash)
{
    public static Fingerprint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }

        return new Fingerprint(text.Length, hash);
    }
}
