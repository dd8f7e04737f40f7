using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Access;

/// <summary>A fresh server in the secure default: the first account owns what nobody owned (the welcome document).</summary>
public sealed class FirstAccountTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    [Fact]
    public async Task TheFirstAccountOwnsTheWelcomeDocumentAndTheSecondDoesNotSeeIt()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/documents/welcome")).StatusCode);

        var first = await factory.SignUpAsync("first");
        var second = await factory.SignUpAsync("second");

        var welcome = await first.Client.GetFromJsonAsync<JsonElement>("/api/documents?take=100");
        Assert.Contains(welcome.GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == "welcome" && i.GetProperty("role").GetString() == "owner");
        Assert.Equal(HttpStatusCode.NotFound, (await second.Client.GetAsync("/api/documents/welcome")).StatusCode);
    }
}
