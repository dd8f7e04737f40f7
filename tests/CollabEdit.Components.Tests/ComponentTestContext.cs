using MudBlazor.Services;

namespace CollabEdit.Components.Tests;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls JS we do not assert on).</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor has async-only disposables: dispose the context asynchronously (STACK.md).
    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
