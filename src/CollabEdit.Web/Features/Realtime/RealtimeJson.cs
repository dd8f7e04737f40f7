using System.Text.Json;

namespace CollabEdit.Web.Features.Realtime;

internal static class RealtimeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
