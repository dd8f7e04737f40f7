using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Components.Account;

/// <summary>The signed-in account: what its documents store against its allowance, display name and password.</summary>
public partial class AccountSettings
{
    private string? _userId;
    private string? _email;
    private string? _displayName;
    private string? _current;
    private string? _next;
    private string? _nameError;
    private string? _passwordError;
    private string? _saved;
    private bool _ready;
    private StorageLine? _storage;

    [Inject]
    private AccountService Accounts { get; set; } = default!;

    [Inject]
    private CircuitUser User { get; set; } = default!;

    [Inject]
    private Microsoft.JSInterop.IJSRuntime JS { get; set; } = default!;

    [Inject]
    private Features.RateLimiting.ClientRateLimiter Limits { get; set; } = default!;

    [Inject]
    private IStorageUsage Usage { get; set; } = default!;

    [Inject]
    private IOptions<StorageAllowance> Allowance { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _userId = Actors.UserIdOf(await User.PrincipalAsync());
        if (_userId is not null && await Accounts.FindAsync(_userId) is { } account)
        {
            (_email, _displayName) = account;
            // Open mode has no allowance: what is stored is still worth knowing.
            var used = await Usage.UsedByAsync(_userId, CancellationToken.None);
            _storage = new StorageLine(used, User.Mode == AccessMode.Secure ? Allowance.Value.BytesPerAccount : null);
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

    private async Task SaveNameAsync()
    {
        // Through the accounts API, which renews the sign-in cookie that carries the name; the page then reloads.
        _nameError = await BrowserSignIn.SaveAccountNameAsync(JS, _displayName);
        _saved = null;
    }

    private async Task ChangePasswordAsync()
    {
        // The current password is checked: guessing it draws from the address's sign-in bucket, as on the API.
        using (var lease = await Limits.AcquireAsync(Features.RateLimiting.RateLimitKind.SignIn, User.AddressKey()))
        {
            if (!lease.IsAcquired)
            {
                _passwordError = "Too many attempts from here. Wait a minute, then try again.";
                _saved = null;
                return;
            }
        }

        // Ends the account's other sessions; this browser's goes on.
        var errors = await Accounts.ChangePasswordAsync(await User.PrincipalAsync(), _current, _next);
        _passwordError = errors.Count == 0 ? null : string.Join(" ", errors.Values.SelectMany(e => e));
        _saved = errors.Count == 0 ? "Password changed." : null;
        (_current, _next) = (null, null);
    }

    /// <summary>"Storage: 12.3 MB of 1 GB used": everything stored for the documents this account owns, whoever saved it.</summary>
    private sealed record StorageLine(long Used, long? Allowed)
    {
        public string Words => Allowed is { } allowed
            ? $"Storage: {StorageUnits.Format(Used)} of {StorageUnits.Format(allowed)} used"
            : $"Storage: {StorageUnits.Format(Used)} used";

        // Rounded: a tiny share printed as "1.2E-05" is not a valid aria-valuenow (axe: aria-valid-attr-value).
        public double Percent => Allowed is { } allowed ? Math.Round(Math.Min(100, 100.0 * Used / allowed), 1) : 0;
    }
}
