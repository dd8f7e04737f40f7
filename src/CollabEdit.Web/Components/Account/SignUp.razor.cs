using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Account;

/// <summary>Creates an account (on the server, with its display name), then signs in in the browser.</summary>
public partial class SignUp
{
    private string? _displayName;
    private string? _email;
    private string? _password;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private bool _first;
    private bool _busy;
    private bool _ready;

    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    public string? ReturnUrl { get; set; }

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private CircuitUser User { get; set; } = default!;

    [Inject]
    private ClientRateLimiter Limits { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _first = !await Accounts.AnyAccountAsync(CancellationToken.None);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Errors(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task SignUpAsync()
    {
        _busy = true;
        try
        {
            // Sign-ups draw from the same per-address bucket as the accounts API's register and login, signed in or not.
            using (var lease = await Limits.AcquireAsync(RateLimitKind.SignIn, User.AddressKey()))
            {
                if (!lease.IsAcquired)
                {
                    _errors = new Dictionary<string, string[]> { [""] = ["Too many attempts from here. Wait a minute, then try again."] };
                    return;
                }
            }

            _errors = await Accounts.SignUpAsync(_email, _password, _displayName);
            if (_errors.Count == 0)
            {
                var status = await BrowserSignIn.SignInAsync(JS, _email!.Trim(), _password!, ReturnPath.Of(ReturnUrl));
                if (status is not null)
                {
                    _errors = new Dictionary<string, string[]> { [""] = ["Your account was created, but signing in failed. Sign in on the sign-in page."] };
                }
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
