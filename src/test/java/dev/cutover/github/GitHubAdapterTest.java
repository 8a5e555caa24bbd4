package dev.cutover.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubAdapterTest {

    @RegisterExtension
    static WireMockExtension githubApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String TOKEN = "github_pat_11AAAAAAA0cutoverTestToken_abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String REPOSITORY = "codeforamerica/clear-my-record";
    private static final String COMPARE = "/repos/codeforamerica/clear-my-record/compare/main...lambda";

    @Test
    void comparesTheBranches_withGitHubsHeaders_andReadsTheCounts() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(okJson(comparison("main", "lambda", "ahead", 4, 0))));

        BranchComparison comparison = adapter(TOKEN).compare(REPOSITORY, "main", "lambda");

        assertThat(comparison).isEqualTo(new BranchComparison("main", "lambda", "ahead", 4, 0));
        assertThat(comparison.upToDate()).isTrue();
        githubApi.verify(1, getRequestedFor(urlPathEqualTo(COMPARE))
                .withQueryParam("per_page", equalTo("1"))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void reportsABranchBehindItsBase_asNotUpToDate() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE))
                .willReturn(okJson(comparison("main", "lambda", "diverged", 4, 3))));

        BranchComparison comparison = adapter(TOKEN).compare(REPOSITORY, "main", "lambda");

        assertThat(comparison).isEqualTo(new BranchComparison("main", "lambda", "diverged", 4, 3));
        assertThat(comparison.upToDate()).isFalse();
    }

    @Test
    void keepsABranchNameWithASlashAsOneName() {
        String path = "/repos/codeforamerica/clear-my-record/compare/main...feature%2Flambda";
        githubApi.stubFor(get(urlPathEqualTo(path))
                .willReturn(okJson(comparison("main", "feature/lambda", "ahead", 2, 0))));

        BranchComparison comparison = adapter(TOKEN).compare(REPOSITORY, "main", "feature/lambda");

        assertThat(comparison).isEqualTo(new BranchComparison("main", "feature/lambda", "ahead", 2, 0));
        assertThat(githubApi.getAllServeEvents()).singleElement()
                .satisfies(served -> assertThat(served.getRequest().getUrl()).isEqualTo(path + "?per_page=1"));
    }

    @Test
    void failsForGood_namingRepositoryAndBranches_whenGitHubFindsNothing() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(jsonResponse("""
                {"message": "Not Found",
                 "documentation_url": "https://docs.github.com/rest/commits/commits#compare-two-commits",
                 "status": "404"}""", 404)));

        assertThatThrownBy(() -> adapter(TOKEN).compare(REPOSITORY, "main", "lambda"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("404 Not Found: Not Found")
                .hasMessageContaining(REPOSITORY + " exists with branches 'main' and 'lambda'")
                .hasMessageContaining("or the token cannot see the repository")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void failsForGood_whenGitHubRejectsTheToken_withoutShowingIt() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(jsonResponse("""
                {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}""",
                401)));

        assertThatThrownBy(() -> adapter(TOKEN).compare(REPOSITORY, "main", "lambda"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("rejected the token (401 Unauthorized: Bad credentials)")
                .hasMessageContaining("CUTOVER_GITHUB_TOKEN")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void failsForRetry_sayingWhenTheRateLimitResets() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(jsonResponse("""
                {"message": "API rate limit exceeded for user ID 1234567. If you reach out to GitHub Support for help, please include the request ID.",
                 "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                 "status": "403"}""", 403)
                .withHeader("x-ratelimit-limit", "5000")
                .withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000")
                .withHeader("x-ratelimit-reset", "1748779200")
                .withHeader("x-ratelimit-resource", "core")));

        assertThatThrownBy(() -> adapter(TOKEN).compare(REPOSITORY, "main", "lambda"))
                .isInstanceOf(GitHubUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("used up its GitHub rate limit")
                .hasMessageContaining("resets at 2025-06-01T12:00:00Z");
    }

    @Test
    void failsForGood_whenTheTokenMayNotReadTheRepository() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(jsonResponse("""
                {"message": "Resource not accessible by personal access token",
                 "documentation_url": "https://docs.github.com/rest/commits/commits#compare-two-commits",
                 "status": "403"}""", 403)
                .withHeader("x-ratelimit-remaining", "4987")));

        assertThatThrownBy(() -> adapter(TOKEN).compare(REPOSITORY, "main", "lambda"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("may not read " + REPOSITORY)
                .hasMessageContaining("Resource not accessible by personal access token");
    }

    @Test
    void failsForRetry_whenGitHubAnswers5xx() {
        githubApi.stubFor(get(urlPathEqualTo(COMPARE)).willReturn(aResponse().withStatus(502)
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        assertThatThrownBy(() -> adapter(TOKEN).compare(REPOSITORY, "main", "lambda"))
                .isInstanceOf(GitHubUnavailableException.class)
                .hasMessageContaining("GitHub answered 502 Bad Gateway");
    }

    @Test
    void refusesWithoutAToken_andAsksNothing() {
        assertThatThrownBy(() -> adapter("").compare(REPOSITORY, "main", "lambda"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Set CUTOVER_GITHUB_TOKEN or clear cutover.plan.github.repository to confirm"
                        + " the branch by hand");
        githubApi.verify(0, anyRequestedFor(anyUrl()));
    }

    private static GitHubAdapter adapter(String token) {
        return GitHubAdapter.create(URI.create("http://127.0.0.1:" + githubApi.getPort()), token);
    }

    private static String comparison(String base, String head, String status, int aheadBy, int behindBy) {
        return """
                {"url": "https://api.github.com/repos/codeforamerica/clear-my-record/compare/%1$s...%2$s",
                 "html_url": "https://github.com/codeforamerica/clear-my-record/compare/%1$s...%2$s",
                 "permalink_url": "https://github.com/codeforamerica/clear-my-record/compare/codeforamerica:9f2c1e4...codeforamerica:4b7d0a2",
                 "diff_url": "https://github.com/codeforamerica/clear-my-record/compare/%1$s...%2$s.diff",
                 "patch_url": "https://github.com/codeforamerica/clear-my-record/compare/%1$s...%2$s.patch",
                 "base_commit": {"sha": "9f2c1e4b5a6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f",
                   "commit": {"message": "Merge pull request #412 from codeforamerica/fix-intake",
                              "author": {"name": "Alex", "email": "alex@example.org", "date": "2025-05-28T17:02:11Z"}}},
                 "merge_base_commit": {"sha": "9f2c1e4b5a6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f"},
                 "status": "%3$s", "ahead_by": %4$d, "behind_by": %5$d, "total_commits": %4$d,
                 "commits": [{"sha": "4b7d0a2c3e5f7a9b1d3f5a7c9e1b3d5f7a9c1e3b",
                   "commit": {"message": "Zappa settings for production", "author": {"name": "Sam"}}}],
                 "files": [{"sha": "bbcd538c8e72b8c175046e27cc8f907076331401", "filename": "zappa_settings.json",
                   "status": "added", "additions": 24, "deletions": 0, "changes": 24}]}"""
                .formatted(base, head, status, aheadBy, behindBy);
    }
}
