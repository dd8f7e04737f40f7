using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Editing;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void MarkdownBecomesHtml()
    {
        Assert.Equal("<h1>Notes</h1>\n<p><strong>bold</strong> and <a href=\"https://example.org/\">a link</a></p>\n",
            SafeMarkdown.ToHtml("# Notes\n\n**bold** and [a link](https://example.org/)\n"));
    }

    [Fact]
    public void TaskListsBecomeDisabledCheckboxes()
    {
        var html = SafeMarkdown.ToHtml("- [x] done\n- [ ] to do\n");

        Assert.Contains("<ul class=\"contains-task-list\">", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("type=\"checkbox\"").Length - 1);
        Assert.Equal(2, html.Split("disabled=\"disabled\"").Length - 1);
        Assert.Single(html.Split("checked=\"checked\"").Skip(1));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("hello <b onclick=\"alert(1)\">there</b>")]
    public void RawHtmlIsEscapedNotRendered(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![img](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void LinksWithUnsafeSchemesLoseTheirTarget(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[a](https://example.org)", "https://example.org")]
    [InlineData("[a](mailto:ana@example.org)", "mailto:ana@example.org")]
    [InlineData("[a](/docs/welcome)", "/docs/welcome")]
    [InlineData("[a](#section)", "#section")]
    public void SafeLinksAreKept(string markdown, string href)
    {
        Assert.Contains($"href=\"{href}\"", SafeMarkdown.ToHtml(markdown), StringComparison.Ordinal);
    }
}
