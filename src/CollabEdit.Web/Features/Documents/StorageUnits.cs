using System.Globalization;

namespace CollabEdit.Web.Features.Documents;

/// <summary>Sizes for people: "12.3 MB", "1 GB" (1 KB = 1024 bytes, as the allowance's default of 1 GB is 1024³ bytes).</summary>
public static class StorageUnits
{
    private static readonly string[] Units = ["KB", "MB", "GB", "TB", "PB", "EB"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes == 1 ? "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }

        var value = bytes / 1024.0;
        var unit = 0;
        // Rounded before the unit is chosen, so that 1023.96 KB reads "1 MB", not "1024 KB".
        while (Math.Round(value, 1) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.ToString(value >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture)} {Units[unit]}");
    }
}
