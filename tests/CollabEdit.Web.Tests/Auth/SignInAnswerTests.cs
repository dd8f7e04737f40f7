using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task AnAccountThatTurnedOnTwoFactorSignInStillNeedsItsCodeAndWithoutItGetsTheSameAnswer()
    {
        var account = await factory.SignUpAsync("twofactor");
        string key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // As Identity's manage/2fa endpoint did, before it was withdrawn.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CollabEditUser>>();
            var user = (await users.FindByEmailAsync(account.Email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var client = factory.CreateClient();
        var withoutCode = await AnswerAsync(client, account.Email, Accounts.Password);
        var unknownEmail = await AnswerAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", Accounts.Password);
        using var withCode = await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Accounts.Password, twoFactorCode = AuthenticatorCode(key) });

        Assert.Equal(unknownEmail, withoutCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
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

    /// <summary>The code an authenticator app shows now (RFC 6238: HMAC-SHA1 of the 30-second step, 6 digits) for a base32 key.</summary>
    private static string AuthenticatorCode(string base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var key = new List<byte>();
        var (buffer, bits) = (0, 0);
        foreach (var c in base32Key.TrimEnd('=').ToUpperInvariant())
        {
            buffer = ((buffer << 5) | alphabet.IndexOf(c)) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                key.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238's algorithm, the one Identity's authenticator checks: this computes a code, protects nothing.
        var hash = HMACSHA1.HashData(key.ToArray(), counter);
#pragma warning restore CA5350
        var code = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(hash[^1] & 0x0F)) & 0x7FFFFFFF) % 1_000_000;
        return code.ToString("D6", CultureInfo.InvariantCulture);
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, string? Type, string Fields);
}
