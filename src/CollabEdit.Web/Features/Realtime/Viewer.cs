namespace CollabEdit.Web.Features.Realtime;

public sealed record Viewer(string Name, int ConnectionCount, bool Typing);
