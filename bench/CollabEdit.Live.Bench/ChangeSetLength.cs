using System.Text.Json;

namespace CollabEdit.Live.Bench;

/// <summary>The length of the text a change set in CodeMirror's JSON form produces: what it keeps plus what it inserts.</summary>
public static class ChangeSetLength
{
    public static int After(JsonElement changes)
    {
        var length = 0;
        foreach (var section in changes.EnumerateArray())
        {
            if (section.ValueKind == JsonValueKind.Number)
            {
                length += section.GetInt32();
                continue;
            }

            // [deleted, "line", "line", …]: the lines joined by "\n" replace what was deleted.
            var lines = section.GetArrayLength() - 1;
            for (var i = 1; i <= lines; i++)
            {
                length += section[i].GetString()!.Length;
            }

            length += Math.Max(0, lines - 1);
        }

        return length;
    }
}
