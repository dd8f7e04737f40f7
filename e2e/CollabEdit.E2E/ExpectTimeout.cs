using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

internal static class ExpectTimeout
{
    /// <summary>
    /// A CI machine runs the other test assemblies at the same time on two cores: a page that loads in 200 ms alone
    /// once took over 5 s there (Playwright's default). Expectations that hold still return at once.
    /// </summary>
    [ModuleInitializer]
    internal static void Raise() => Assertions.SetDefaultExpectTimeout(15_000);
}
