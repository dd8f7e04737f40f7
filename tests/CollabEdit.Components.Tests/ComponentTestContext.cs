using MudBlazor.Services;

namespace CollabEdit.Components.Tests;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls JS we do not assert on).</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        // Tests with the real app (Identity, SQLite) wait for its answers: on a CI machine busy with other test
        // assemblies that took longer than bUnit's one-second default (seen once). A wait that passes returns at once.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor has async-only disposables: dispose the context asynchronously (STACK.md).
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
