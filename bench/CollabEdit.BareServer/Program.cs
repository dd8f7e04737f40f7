// A bare minimal-API endpoint that answers GET with fixed bytes and a fixed ETag (and 304 on a match):
// the ceiling that the app's conditional GET is compared with. Usage: CollabEdit.BareServer --body <file> --urls <url>
const string ETag = "\"bare-v1\"";

var builder = WebApplication.CreateSlimBuilder(args);
var body = File.ReadAllBytes(builder.Configuration["body"] ?? throw new ArgumentException("--body <file> is required."));
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/doc", (HttpContext http) =>
{
    http.Response.Headers.ETag = ETag;
    http.Response.Headers.CacheControl = "no-cache";
    return http.Request.Headers.IfNoneMatch == ETag
        ? Results.StatusCode(StatusCodes.Status304NotModified)
        : Results.Bytes(body, "application/json; charset=utf-8");
});
app.MapGet("/health", () => "Healthy");
app.Run();
