using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CollabEdit.Cli.Sync;

namespace CollabEdit.Cli.Tests;

/// <summary><c>collabedit pull</c> and <c>push</c> against the real app: every request goes through its HTTP pipeline.</summary>
public sealed class PullPushTests(CliAppFactory factory) : IClassFixture<CliAppFactory>, IDisposable
{
    private const string Server = "http://localhost";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("collabedit-sync-");
    private readonly HttpClient _api = factory.CreateClient();
    private readonly List<string> _requests = [];
    private readonly List<long> _bodyBytes = [];

    /// <summary>When set, the server is one from before PATCH: it answers 405 to it, as routing does for an unknown method.</summary>
    private bool _withoutPatch;

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    private static string Read(string path) => Encoding.UTF8.GetString(File.ReadAllBytes(path));

    private static void Write(string path, string text) => File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Runs the CLI's pull or push with the app's handler, as Bo (open mode signs saves with X-Author).</summary>
    private async Task<(int Status, string Output, string Errors)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var context = new SyncContext(new Recording(factory.Server.CreateHandler(), this), Token: null, Author: "Bo", output, errors);
        var status = args[0] == "pull" ? await PullCommand.RunAsync(args[1..], context) : await PushCommand.RunAsync(args[1..], context);
        return (status, output.ToString(), errors.ToString());
    }

    private async Task<(Guid Id, string Slug)> CreateAsync(string title, string content)
    {
        using var response = await _api.PostAsJsonAsync("/api/documents", new { title, content });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetGuid(), body.RootElement.GetProperty("slug").GetString()!);
    }

    private async Task<(int Version, string Content, string ETag)> CurrentAsync(Guid id)
    {
        using var response = await _api.GetAsync($"/api/documents/{id}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("version").GetInt32(), body.RootElement.GetProperty("content").GetString()!, response.Headers.ETag!.ToString());
    }

    /// <summary>Someone else saves on top of the current version, as Ana.</summary>
    private async Task SaveAsAnaAsync(Guid id, string content)
    {
        var (_, _, etag) = await CurrentAsync(id);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{id}") { Content = JsonContent.Create(new { content }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        request.Headers.Add("X-Author", "Ana");
        using var response = await _api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(Guid Id, string File)> PulledAsync(string title, string content, string name = "notes.md")
    {
        var (id, slug) = await CreateAsync(title, content);
        var file = PathOf(name);
        var (status, _, errors) = await RunAsync("pull", $"{Server}/docs/{slug}", file);
        Assert.True(status == 0, errors);
        return (id, file);
    }

    [Fact]
    public async Task PullWritesTheFileAndRemembersTheVersionItsETagAndItsTextBesideIt()
    {
        var (id, slug) = await CreateAsync("Pulled", "Day 1: Lisbon\nDay 2: Porto\n");
        var file = PathOf("trip.md");

        var (status, output, _) = await RunAsync("pull", $"{Server}/docs/{slug}", file);

        Assert.Equal(SyncStatus.Done, status);
        Assert.Contains("Pulled v1 of 'Pulled'", output, StringComparison.Ordinal);
        Assert.Equal("Day 1: Lisbon\nDay 2: Porto\n", Read(file));
        var state = JsonDocument.Parse(Read(PathOf(".trip.md.collabedit"))).RootElement;
        Assert.Equal($"{Server}/api/documents/{id}", state.GetProperty("url").GetString());
        Assert.Equal(1, state.GetProperty("version").GetInt32());
        Assert.Equal((await CurrentAsync(id)).ETag, state.GetProperty("etag").GetString());
        Assert.Equal("Day 1: Lisbon\nDay 2: Porto\n", state.GetProperty("base").GetString());
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Day 1: Lisbon\nDay 2: Porto\n"u8)),
            state.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task PushSendsTheChangeAsAUnifiedDiffOnTopOfThePulledVersion()
    {
        var (id, file) = await PulledAsync("Pushed", "one\ntwo\nthree\n");
        Write(file, "one\n2\nthree\n");

        var (status, output, errors) = await RunAsync("push", file);

        Assert.True(status == SyncStatus.Done, errors);
        Assert.Contains("Pushed", output, StringComparison.Ordinal);
        Assert.Equal((2, "one\n2\nthree\n"), ((await CurrentAsync(id)).Version, (await CurrentAsync(id)).Content));
        Assert.Equal(["GET", "PATCH"], _requests);
        Assert.Equal(2, SyncState.Load(file)!.Version);
        Assert.Equal("one\n2\nthree\n", SyncState.Load(file)!.Base);
    }

    [Fact]
    public async Task APushAfterSomeoneElseSavedMergesTheirVersionIntoTheFileAndPushesTheMerge()
    {
        const string paragraph = "The quick brown fox jumps over the lazy dog. It was a sunny day in the valley.\n";
        var (id, file) = await PulledAsync("Merged on push", paragraph);
        await SaveAsAnaAsync(id, paragraph.Replace("quick", "swift", StringComparison.Ordinal));
        Write(file, paragraph.Replace("sunny", "rainy", StringComparison.Ordinal));

        var (status, output, errors) = await RunAsync("push", file);

        // Two edits of one paragraph (one line): git would conflict, the prose mode merges the words.
        const string merged = "The swift brown fox jumps over the lazy dog. It was a rainy day in the valley.\n";
        Assert.True(status == SyncStatus.Done, errors + output);
        Assert.Contains("v2 was saved meanwhile (by Ana)", output, StringComparison.Ordinal);
        Assert.Equal((3, merged), ((await CurrentAsync(id)).Version, (await CurrentAsync(id)).Content));
        Assert.Equal(merged, Read(file));
        Assert.Equal(3, SyncState.Load(file)!.Version);
    }

    [Fact]
    public async Task APushThatConflictsLeavesGitsMarkersInTheFileExitsOneAndSendsNothingThenPushesOnceResolved()
    {
        var (id, file) = await PulledAsync("Conflict on push", "title\n\nthe colour is red\n");
        await SaveAsAnaAsync(id, "title\n\nthe colour is green\n");
        Write(file, "title\n\nthe colour is blue\n");

        var (status, output, _) = await RunAsync("push", file);

        Assert.Equal(SyncStatus.Conflict, status);
        Assert.Contains("CONFLICT", output, StringComparison.Ordinal);
        Assert.Equal(
            "title\n\n<<<<<<< notes.md (your edit of v1)\nthe colour is blue\n=======\nthe colour is green\n>>>>>>> v2 by Ana\n",
            Read(file));
        Assert.Equal((2, "title\n\nthe colour is green\n"), ((await CurrentAsync(id)).Version, (await CurrentAsync(id)).Content));

        // Not before the markers are gone…
        var (again, _, errors) = await RunAsync("push", file);
        Assert.Equal(SyncStatus.LocalWork, again);
        Assert.Contains("conflict markers", errors, StringComparison.Ordinal);
        Assert.Equal(2, (await CurrentAsync(id)).Version);

        // …and then on top of the version merged with.
        Write(file, "title\n\nthe colour is teal\n");
        var (resolved, _, resolvedErrors) = await RunAsync("push", file);
        Assert.True(resolved == SyncStatus.Done, resolvedErrors);
        Assert.Equal((3, "title\n\nthe colour is teal\n"), ((await CurrentAsync(id)).Version, (await CurrentAsync(id)).Content));
    }

    [Fact]
    public async Task PullMergesANewVersionIntoAFileWithChangesInsteadOfOverwritingIt()
    {
        var (id, file) = await PulledAsync("Merged on pull", "one\n\ntwo\n\nthree\n");
        await SaveAsAnaAsync(id, "ONE\n\ntwo\n\nthree\n");
        Write(file, "one\n\ntwo\n\nTHREE\n");

        var (status, output, _) = await RunAsync("pull", $"{Server}/api/documents/{id}", file);

        Assert.Equal(SyncStatus.Done, status);
        Assert.Contains("keeps your changes", output, StringComparison.Ordinal);
        Assert.Equal("ONE\n\ntwo\n\nTHREE\n", Read(file));
        Assert.Equal(2, SyncState.Load(file)!.Version);
        Assert.Equal("ONE\n\ntwo\n\nthree\n", (await CurrentAsync(id)).Content);

        var (pushed, _, errors) = await RunAsync("push", file, $"{Server}/api/documents/{id}");
        Assert.True(pushed == SyncStatus.Done, errors);
        Assert.Equal((3, "ONE\n\ntwo\n\nTHREE\n"), ((await CurrentAsync(id)).Version, (await CurrentAsync(id)).Content));
    }

    [Fact]
    public async Task PullUpdatesAnUnchangedFileAndSaysWhenItIsUpToDate()
    {
        var (id, file) = await PulledAsync("Updated on pull", "a\n");

        var (same, sameOutput, _) = await RunAsync("pull", $"{Server}/api/documents/{id}", file);
        await SaveAsAnaAsync(id, "b\n");
        var (updated, updatedOutput, _) = await RunAsync("pull", $"{Server}/api/documents/{id}", file);

        Assert.Equal((SyncStatus.Done, SyncStatus.Done), (same, updated));
        Assert.Contains("Already up to date", sameOutput, StringComparison.Ordinal);
        Assert.Contains("from v1 to v2", updatedOutput, StringComparison.Ordinal);
        Assert.Equal("b\n", Read(file));
    }

    [Fact]
    public async Task PullLeavesAFileThatWasNotPulledFromTheDocumentAsItIs()
    {
        var (_, slug) = await CreateAsync("Not mine", "server text\n");
        var file = PathOf("mine.md");
        Write(file, "my own notes\n");

        var (status, _, errors) = await RunAsync("pull", $"{Server}/docs/{slug}", file);

        Assert.Equal(SyncStatus.LocalWork, status);
        Assert.Contains("was not pulled from", errors, StringComparison.Ordinal);
        Assert.Equal("my own notes\n", Read(file));
        Assert.False(File.Exists(PathOf(".mine.md.collabedit")));
    }

    [Fact]
    public async Task PushOfAFileNeverPulledSaysToPullFirst()
    {
        var file = PathOf("never.md");
        Write(file, "text\n");

        var (status, _, errors) = await RunAsync("push", file, $"{Server}/api/documents/anything");

        Assert.Equal(SyncStatus.LocalWork, status);
        Assert.Contains("pull", errors, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task PushOfAnUnchangedFileSendsNothing()
    {
        var (id, file) = await PulledAsync("Unchanged", "same\n");
        _requests.Clear();

        var (status, output, _) = await RunAsync("push", file);

        Assert.Equal(SyncStatus.Done, status);
        Assert.Contains("Nothing to push", output, StringComparison.Ordinal);
        Assert.Empty(_requests);
        Assert.Equal(1, (await CurrentAsync(id)).Version);
    }

    [Fact]
    public async Task PushToAnArchivedDocumentIsRefusedWithTheServersWordsAndTheFileKept()
    {
        var (id, file) = await PulledAsync("Archived", "text\n");
        using (var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{id}"))
        {
            archive.Headers.TryAddWithoutValidation("If-Match", (await CurrentAsync(id)).ETag);
            using var archived = await _api.SendAsync(archive);
            Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
        }

        Write(file, "changed\n");

        var (status, _, errors) = await RunAsync("push", file);

        Assert.Equal(SyncStatus.Refused, status);
        Assert.Contains("archived", errors, StringComparison.Ordinal);
        Assert.Equal("changed\n", Read(file));
        Assert.Equal(1, SyncState.Load(file)!.Version);
    }

    [Fact]
    public async Task PushOntoAnotherDocumentThanTheOnePulledIsRefused()
    {
        var (_, file) = await PulledAsync("Pulled here", "a\n");
        var (_, other) = await CreateAsync("Another", "b\n");
        Write(file, "c\n");

        var (status, _, errors) = await RunAsync("push", file, $"{Server}/docs/{other}");

        Assert.Equal(SyncStatus.Usage, status);
        Assert.Contains("was pulled from", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrlfLinesAMissingFinalNewlineAndAstralCharactersGoThroughThePatchByteForByte()
    {
        var (id, file) = await PulledAsync("Bytes", "caf\u00e9\r\nline two \U0001F600\r\nlast line", "bytes.txt");
        Assert.Equal("caf\u00e9\r\nline two \U0001F600\r\nlast line", Read(file));
        Write(file, "caf\u00e9\r\nline 2 \U0001F600\U0001F600\r\nlast line");

        var (status, _, errors) = await RunAsync("push", file);

        Assert.True(status == SyncStatus.Done, errors);
        Assert.Equal(["GET", "PATCH"], _requests);
        Assert.Equal("caf\u00e9\r\nline 2 \U0001F600\U0001F600\r\nlast line", (await CurrentAsync(id)).Content);
    }

    [Fact]
    public async Task AOneWordChangeOfALargeDocumentCostsAFewHundredBytes()
    {
        var paragraphs = string.Concat(Enumerable.Range(0, 8000).Select(i => $"Paragraph {i} of the handbook, with a sentence or two of ordinary prose in it.\n\n"));
        var (id, file) = await PulledAsync("Handbook", paragraphs);
        _bodyBytes.Clear();
        Write(file, paragraphs.Replace("Paragraph 4000 of", "Paragraph 4000, amended, of", StringComparison.Ordinal));

        var (status, _, errors) = await RunAsync("push", file);

        Assert.True(status == SyncStatus.Done, errors);
        Assert.True(Encoding.UTF8.GetByteCount(paragraphs) > 600_000);
        // diff -u of the same change is 394 bytes; the whole text, as PUT sends it, is 647 KB.
        Assert.InRange(_bodyBytes.Single(), 1, 1024);
        Assert.Contains("Paragraph 4000, amended, of", (await CurrentAsync(id)).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerFromBeforePatchIsSentTheWholeTextWithPutUnderTheSameIfMatch()
    {
        var (id, file) = await PulledAsync("Old server", "a\nb\n");
        await SaveAsAnaAsync(id, "A\nb\n");
        _withoutPatch = true;
        _requests.Clear();
        Write(file, "a\nb\nc\n\nd\n");

        var (status, output, errors) = await RunAsync("push", file);

        Assert.True(status == SyncStatus.Done, errors + output);
        Assert.Equal(["PATCH", "PUT", "GET", "PATCH", "PUT"], _requests);
        Assert.Equal((3, "A\nb\nc\n\nd\n"), ((await CurrentAsync(id)).Version, (await CurrentAsync(id)).Content));
    }

    /// <summary>Records the method and body size of every request the CLI sends (and plays an old server when asked).</summary>
    private sealed class Recording(HttpMessageHandler inner, PullPushTests test) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var bytes = request.Content is null ? 0 : (await request.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength;
            lock (test._requests)
            {
                test._requests.Add(request.Method.Method);
                if (request.Method != HttpMethod.Get)
                {
                    test._bodyBytes.Add(bytes);
                }
            }

            return test._withoutPatch && request.Method == HttpMethod.Patch
                ? new HttpResponseMessage(HttpStatusCode.MethodNotAllowed) { RequestMessage = request }
                : await base.SendAsync(request, cancellationToken);
        }
    }
}
