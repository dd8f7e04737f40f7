namespace CollabEdit.Web.Features.Accounts;

/// <summary>Authentication for the requests that carry credentials only (see <see cref="Credentials"/>).</summary>
public static class CredentialedAuthentication
{
    public static IApplicationBuilder UseAuthenticationWhereCredentialsArePresented(this IApplicationBuilder app)
    {
        app.UseWhen(http => Credentials.Presented(http.Request), credentialed =>
        {
            credentialed.UseAuthentication();

            // UseAuthentication marks its builder as having authentication; a branch marks only its own copy of the
            // builder's properties. Without the mark on the app itself, the host would add authentication again, for
            // every request, in front of the whole pipeline. Copy what the branch added, without naming the host's key.
            foreach (var (key, value) in credentialed.Properties)
            {
                app.Properties.TryAdd(key, value);
            }
        });
        return app;
    }
}
