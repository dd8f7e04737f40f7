using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Api;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.AspNetCore.Http;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// The two renderers of outcomes, each one file: every refusal there is (found by reflection, so a new outcome is
/// covered the day it is added) has a problem for programs and a sentence for people, whatever the person tried.
/// </summary>
public sealed class OutcomeRenderersTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    private static readonly Document Head = new()
    {
        Id = Guid.NewGuid(), Slug = "plan", Title = "Plan", CurrentVersion = 3, UpdatedBy = "Bo", UpdatedAt = Now.AddHours(-1),
        LockedBy = "Ana", LockedAt = Now.AddMinutes(-5),
    };

    /// <summary>What a command answers when it did what was asked: rendered by each caller's own success path.</summary>
    private static readonly Type[] Successes =
    [
        typeof(DocumentOutcome.Saved), typeof(DocumentOutcome.Created), typeof(DocumentOutcome.StateChanged),
        typeof(DocumentOutcome.LockChanged), typeof(AccessOutcome.AccessListed),
    ];

    public static TheoryData<string> Refusals()
    {
        var data = new TheoryData<string>();
        foreach (var type in RefusalTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EveryRefusalIsAProblemForProgramsWithItsOwnType(string refusal)
    {
        var http = new DefaultHttpContext();

        var problem = OutcomeProblems.Problem(Sample(refusal), http).ProblemDetails;

        Assert.StartsWith("urn:collabedit:problem:", problem.Type, StringComparison.Ordinal);
        // A client's refusals are 4xx; a full storage allowance is 507 Insufficient Storage, as WebDAV answers a quota.
        Assert.True(problem.Status is >= 400 and <= 499 or StatusCodes.Status507InsufficientStorage, $"status {problem.Status}");
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EveryRefusalIsASentenceForPeopleWhateverTheyTried(string refusal)
    {
        var outcome = Sample(refusal);
        foreach (var attempt in Enum.GetValues<Attempt>())
        {
            var sentence = OutcomeWords.Say(outcome, attempt, "Plan", Now);

            // Not the fallbacks ("Not saved (Name)", "could not be archived"): each refusal has its own words.
            Assert.DoesNotContain($"({outcome.GetType().Name})", sentence, StringComparison.Ordinal);
            Assert.DoesNotContain("could not be", sentence, StringComparison.Ordinal);
            Assert.DoesNotContain("failed", sentence, StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith(".", sentence, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ALockIsPutInWordsWithWhoAndWhenAndWhatToDo()
    {
        var locked = new DocumentOutcome.Locked(Head);

        Assert.Equal(
            "Not saved. Locked by Ana 5 min ago: ask an owner to unlock it. Your text is still here and kept in this browser.",
            OutcomeWords.Say(locked, Attempt.Save, null, Now));
        Assert.Equal("Locked by Ana 5 min ago: ask an owner to unlock it.", OutcomeWords.Say(locked, Attempt.Archive, "Plan", Now));
    }

    [Fact]
    public void ARateLimitedSaveSaysWhenToSaveAgainAndThatTheTextIsKept()
    {
        var limited = new AccessOutcome.RateLimited(4);

        Assert.Equal(
            "Not saved: too many saves in a short time. Wait 4 s, then save again. Your text is still here and kept in this browser.",
            OutcomeWords.Say(limited, Attempt.Save, null, Now));
        var http = new DefaultHttpContext();
        var problem = OutcomeProblems.Problem(limited, http).ProblemDetails;
        Assert.Equal(("4", 429, 4), (http.Response.Headers.RetryAfter.ToString(), problem.Status, (int)problem.Extensions["retryAfterSeconds"]!));
    }

    [Fact]
    public void AFullStorageAllowanceSaysWhoseItIsHowFullAndThatTheTextIsKept()
    {
        var owners = new AccessOutcome.StorageAllowanceExceeded(Used: 1_073_000_000, Allowed: 1L << 30, Needed: 5_242_880, Yours: false);

        Assert.Equal(
            "Not saved: the storage allowance of this document's owner is full (1023 MB of 1 GB used, and this version needs up to 5 MB). "
            + "Ask the owner to ask the server's administrator for more room. Your text is still here and kept in this browser.",
            OutcomeWords.Say(owners, Attempt.Save, null, Now));
        var http = new DefaultHttpContext();
        var problem = OutcomeProblems.Problem(owners with { Yours = true }, http).ProblemDetails;
        Assert.Equal(
            (507, "urn:collabedit:problem:storage-allowance-exceeded", 1_073_000_000L, 1L << 30, 5_242_880L, "1023 MB", "1 GB", "you"),
            (problem.Status!.Value, problem.Type!, (long)problem.Extensions["used"]!, (long)problem.Extensions["allowed"]!, (long)problem.Extensions["needed"]!,
                (string)problem.Extensions["usedText"]!, (string)problem.Extensions["allowedText"]!, (string)problem.Extensions["chargedTo"]!));
        Assert.StartsWith("Your documents use 1023 MB (1,073,000,000 bytes) of your 1 GB (1,073,741,824 bytes) storage allowance", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(1024, "1 KB")]
    [InlineData(12_897_485, "12.3 MB")]
    [InlineData(1_048_575, "1 MB")]
    [InlineData(1L << 30, "1 GB")]
    [InlineData(150L << 20, "150 MB")]
    public void SizesArePutInUnitsPeopleRead(long bytes, string expected) => Assert.Equal(expected, StorageUnits.Format(bytes));

    private static IEnumerable<Type> RefusalTypes() =>
        typeof(Outcome).Assembly.GetTypes()
            .Where(t => t.IsSealed && typeof(Outcome).IsAssignableFrom(t) && !Successes.Contains(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static Outcome Sample(string typeName)
    {
        var type = RefusalTypes().Single(t => t.FullName == typeName);
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return (Outcome)constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType)).ToArray());
    }

    private static object? Value(Type type) =>
        type == typeof(Document) ? Head
        : type == typeof(string) ? "x@example.org"
        : type == typeof(Guid) ? Head.Id
        : type == typeof(int) ? 2
        : type == typeof(long) ? 6_000_000L
        : type == typeof(bool) ? false
        : type == typeof(DocumentRole) ? DocumentRole.Viewer
        : type == typeof(DocumentAction) ? DocumentAction.Edit
        : type == typeof(IReadOnlyList<ChangeSinceBase>) ? new List<ChangeSinceBase> { new(3, "Bo", Now) }
        : type == typeof(ProposedMerge) ? new ProposedMerge("<<<<<<< your edit of v1\nmine\n=======\ntheirs\n>>>>>>> v2 (current)\n", 1)
        : type == typeof(IReadOnlyDictionary<string, string[]>) ? new Dictionary<string, string[]> { ["title"] = ["A title is 1 to 200 characters."] }
        : throw new InvalidOperationException($"No sample value for {type}: add one.");
}
