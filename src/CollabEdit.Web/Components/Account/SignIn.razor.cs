using CollabEdit.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabEdit.Web.Components.Account;

/// <summary>Sign in with email and password; a fresh server sends its first visitor to sign up instead.</summary>
public partial class SignIn
{
    private string? _email;
    private string? _password;
    private string? _error;
    private bool _busy;
    private bool _ready;

    /// <summary>Where to go once signed in (set by the sign-in redirect); only addresses on this site are followed.</summary>
    [SupplyParameterFromQuery(Name = "ReturnUrl")]
    public string? ReturnUrl { get; set; }

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private CircuitUser User { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string SignUpHref => $"/account/signup?ReturnUrl={Uri.EscapeDataString(ReturnPath.Of(ReturnUrl))}";

    protected override async Task OnInitializedAsync()
    {
        if (!await User.NamesAreGivenAsync())
        {
            Navigation.NavigateTo(ReturnPath.Of(ReturnUrl));
        }
        else if (!await Accounts.AnyAccountAsync(CancellationToken.None))
        {
            Navigation.NavigateTo(SignUpHref);
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    private async Task SignInAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var status = await BrowserSignIn.SignInAsync(JS, _email ?? "", _password ?? "", ReturnPath.Of(ReturnUrl));
            _error = status switch
            {
                null => null,
                429 => "Too many attempts. Wait a moment, then try again.",
                _ => "The email or the password is wrong.",
            };
        }
        finally
        {
            _busy = false;
        }
    }
}
