using System.Text.Json;

namespace CollabEdit.Merging;

/// <summary>
/// CodeMirror's JSON form of a change set (<c>ChangeSet.toJSON()</c> / <c>ChangeSet.fromJSON</c> in
/// @codemirror/state): an array whose numbers keep that many characters, <c>[n]</c> deletes n characters and
/// <c>[n, "line", "line", …]</c> replaces n characters with the lines joined by <c>"\n"</c>. The browser sends its
/// edits and receives followed versions in this form, and the hub carries it to scripts.
/// </summary>
public static class ChangeSetJson
{
    /// <summary>Reads a change set from CodeMirror's JSON form.</summary>
    /// <param name="json">The JSON array.</param>
    /// <exception cref="FormatException">The JSON is not a change set.</exception>
    public static ChangeSet Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("A change set is a JSON array.");
        }

        var changes = new List<TextChange>();
        var position = 0L;
        foreach (var section in json.EnumerateArray())
        {
            if (section.ValueKind == JsonValueKind.Number)
            {
                position += Count(section);
            }
            else if (section.ValueKind == JsonValueKind.Array && section.GetArrayLength() >= 1)
            {
                var removed = Count(section[0]);
                var lines = new List<string>(section.GetArrayLength() - 1);
                foreach (var line in section.EnumerateArray().Skip(1))
                {
                    lines.Add(line.ValueKind == JsonValueKind.String ? line.GetString()! : throw new FormatException("Inserted lines are strings."));
                }

                changes.Add(new TextChange(Checked(position), Checked(position + removed), string.Join('\n', lines)));
                position += removed;
            }
            else
            {
                throw new FormatException("Each section of a change set is a number or an array starting with a number.");
            }
        }

        return ChangeSet.Of(Checked(position), changes);
    }

    /// <summary>Reads a change set from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="FormatException">The text is not a change set.</exception>
    public static ChangeSet Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The change set is not valid JSON.", exception);
        }
    }

    /// <summary>Writes a change set in CodeMirror's JSON form.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="changes">The change set.</param>
    public static void Write(Utf8JsonWriter writer, ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(changes);
        writer.WriteStartArray();
        var position = 0;
        foreach (var change in changes.Changes)
        {
            if (change.From > position)
            {
                writer.WriteNumberValue(change.From - position);
            }

            writer.WriteStartArray();
            writer.WriteNumberValue(change.Removed);
            if (change.Insert.Length > 0)
            {
                foreach (var line in change.Insert.Split('\n'))
                {
                    writer.WriteStringValue(line);
                }
            }

            writer.WriteEndArray();
            position = change.To;
        }

        if (changes.Length > position)
        {
            writer.WriteNumberValue(changes.Length - position);
        }

        writer.WriteEndArray();
    }

    /// <summary>The change set as JSON text.</summary>
    /// <param name="changes">The change set.</param>
    public static string ToJson(ChangeSet changes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, changes);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static long Count(JsonElement number) =>
        number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var count) && count >= 0
            ? count
            : throw new FormatException("Lengths in a change set are whole numbers from 0.");

    private static int Checked(long position) =>
        position <= int.MaxValue ? (int)position : throw new FormatException("A change set longer than any document.");
}
