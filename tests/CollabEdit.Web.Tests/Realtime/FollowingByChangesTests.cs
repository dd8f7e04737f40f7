using System.Net.Http.Json;
using System.Threading.Channels;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>
/// A program follows a document through the hub alone: each <see cref="IDocumentClient.VersionBumped"/> carries the
/// change from the previous version when it is small, so the text is never fetched again (.NET SignalR client over
/// WebSockets to the app on real Kestrel).
/// </summary>
public sealed class FollowingByChangesTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _api = app.CreateRealClient();
    private HubConnection? _connection;

    [Fact]
    public async Task AScriptFollowsThreeSavesByApplyingTheChangesAndEndsByteIdentical()
    {
        var original = string.Concat(Enumerable.Range(0, 500).Select(i => $"Line {i}: naïve café 😀 text.\n"));
        var (document, etag) = await _api.CreateAsync("Followed by changes", original);
        var bumps = await FollowAsync(document.Id);
        var (text, version) = (original, 1);
        string[] saves =
        [
            original.Insert(40, "Ana's word "),
            original.Insert(40, "Ana's word ").Replace("Line 250:", "Line two hundred and fifty:", StringComparison.Ordinal) + "😀 the end\n",
            "A new start\n" + original.Insert(40, "Ana's word ").Replace("Line 250:", "Line two hundred and fifty:", StringComparison.Ordinal)[5000..] + "😀 the end\n",
        ];

        foreach (var content in saves)
        {
            using var save = await _api.SendAsync(ApiClient.Put(document.Slug, new { content }, etag, "Ana"));
            save.EnsureSuccessStatusCode();
            etag = save.Headers.ETag!.ToString();

            var bump = await bumps.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal((version + 1, version), (bump.Version, bump.BaseVersion));
            var changes = bump.ChangesFrom(version, text.Length) ?? throw new Xunit.Sdk.XunitException($"v{bump.Version} came without changes that fit v{version}.");
            var sent = bump.Changes!.Value.GetRawText().Length;
            Assert.True(sent < 200, $"v{bump.Version}'s changes took {sent} characters of JSON, for a {content.Length}-character text.");
            (text, version) = (changes.Apply(text), bump.Version);
        }

        var fetched = (await _api.GetFromJsonAsync<DocumentResponse>($"/api/documents/{document.Slug}", ApiClient.Json))!;
        Assert.Equal((fetched.Version, fetched.Content), (version, text));
        Assert.Equal(saves[^1], text);
    }

    [Fact]
    public async Task AChangeOverSixteenKilobytesIsAnnouncedWithoutItAndTheScriptFetchesTheText()
    {
        var (document, etag) = await _api.CreateAsync("Large change", "small\n");
        var bumps = await FollowAsync(document.Id);
        var content = "small\n" + new string('x', VersionBump.MaxChangesBytes) + "\n";

        using var save = await _api.SendAsync(ApiClient.Put(document.Slug, new { content }, etag, "Ana"));
        save.EnsureSuccessStatusCode();

        var bump = await bumps.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((2, (int?)null), (bump.Version, bump.BaseVersion));
        Assert.Null(bump.Changes);
        Assert.Null(bump.ChangesFrom(1, 6));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _api.Dispose();
    }

    private async Task<ChannelReader<VersionBump>> FollowAsync(Guid documentId)
    {
        var bumps = Channel.CreateUnbounded<VersionBump>();
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}=follower"), HttpTransportType.WebSockets)
            .Build();
        _connection.On<VersionBump>(nameof(IDocumentClient.VersionBumped), bump => bumps.Writer.TryWrite(bump));
        await _connection.StartAsync();
        await _connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return bumps.Reader;
    }
}
