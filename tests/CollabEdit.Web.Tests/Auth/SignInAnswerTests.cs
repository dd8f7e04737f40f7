using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Auth;

/// <summary>What a failed sign-in tells a stranger (nothing about which emails have accounts), and which of Identity's endpoints exist.</summary>
public sealed class SignInAnswerTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    [Fact]
    public async Task AnUnknownEmailAndAWrongPasswordGetTheSameAnswerEvenAfterManyWrongPasswords()
    {
        var owner = await factory.SignUpAsync("owner");
        var client = factory.CreateClient();
        // Enough wrong passwords that an account with lockout would be locked (Identity's answer then said "LockedOut").
        for (var i = 0; i < 12; i++)
        {
            using var guess = await client.PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = $"guess number {i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        var wrongPassword = await AnswerAsync(client, owner.Email, "not the password at all");
        var unknownEmail = await AnswerAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", "not the password at all");

        Assert.Equal(wrongPassword, unknownEmail);
        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json", ProblemTypes.SignInFailed), (wrongPassword.Status, wrongPassword.ContentType, wrongPassword.Type));
    }

    [Theory]
    [InlineData("GET", "/api/auth/confirmEmail?userId=x&code=y")]
    [InlineData("GET", "/api/auth/manage/info")]
    public async Task TheIdentityEndpointsThatNeedMailAreNotFound(string method, string path)
    {
        using var response = await SendSignedInAsync(method, path);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("POST", "/api/auth/forgotPassword")]
    [InlineData("POST", "/api/auth/resetPassword")]
    [InlineData("POST", "/api/auth/resendConfirmationEmail")]
    [InlineData("POST", "/api/auth/manage/2fa")]
    [InlineData("POST", "/api/auth/manage/info")]
    public async Task TheIdentityEndpointsThatNeedMailAnswerLikeAnAddressThatNeverExisted(string method, string path)
    {
        using var response = await SendSignedInAsync(method, path);
        using var never = await SendSignedInAsync(method, $"/api/auth/never-existed-{Guid.NewGuid():N}");

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(never.StatusCode, response.StatusCode);
        Assert.Equal((await never.ReadProblemAsync()).GetProperty("type").GetString(), (await response.ReadProblemAsync()).GetProperty("type").GetString());
    }

    private async Task<HttpResponseMessage> SendSignedInAsync(string method, string path)
    {
        var account = await factory.SignUpAsync("mail");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { email = account.Email, resetCode = "x", newPassword = "another long passphrase" });
        }

        return await factory.CreateClient().SendAsync(request);
    }

    private static async Task<Answer> AnswerAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = body.RootElement;
        // Everything but the trace id, which differs for every request by design.
        var fields = string.Join(";", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, problem.GetProperty("type").GetString(), fields);
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string? Type, string Fields);
}
