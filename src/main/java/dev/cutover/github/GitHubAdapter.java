package dev.cutover.github;

import static dev.cutover.http.ApiAnswers.statusOf;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.cutover.http.ApiAnswers;
import dev.cutover.http.HttpApis;
import dev.cutover.step.StepFailedException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;

/**
 * {@link GitHubPort} on GitHub's REST API (version 2022-11-28). The branch names travel
 * percent-encoded, a slash as {@code %2F}, so {@code feature/lambda} stays one name. GitHub's
 * refusals become {@link StepFailedException}s; a GitHub that does not answer, answers 5xx or
 * rate-limits the token becomes a {@link GitHubUnavailableException}, which the engine retries.
 */
class GitHubAdapter implements GitHubPort {

    private static final int MAX_BODY_IN_MESSAGE = 500;
    private static final String API_VERSION = "2022-11-28";

    private final RestClient github;
    private final boolean tokenGiven;

    GitHubAdapter(RestClient restClient, boolean tokenGiven) {
        this.github = restClient;
        this.tokenGiven = tokenGiven;
    }

    /** An adapter for the GitHub API at {@code baseUrl}; with a blank token it refuses every call. */
    static GitHubAdapter create(URI baseUrl, String token) {
        boolean tokenGiven = token != null && !token.isBlank();
        RestClient restClient = HttpApis.restClient(baseUrl)
                .defaultHeaders(headers -> {
                    headers.set(HttpHeaders.ACCEPT, "application/vnd.github+json");
                    headers.set("X-GitHub-Api-Version", API_VERSION);
                    if (tokenGiven) {
                        headers.setBearerAuth(token.strip());
                    }
                })
                .build();
        return new GitHubAdapter(restClient, tokenGiven);
    }

    @Override
    public BranchComparison compare(String repository, String base, String head) {
        String doing = "Comparing branch '" + head + "' with '" + base + "' in GitHub repository " + repository;
        if (!tokenGiven) {
            throw new StepFailedException(doing + ": no GitHub token is configured. Set CUTOVER_GITHUB_TOKEN or"
                    + " clear cutover.plan.github.repository to confirm the branch by hand.");
        }
        String[] ownerAndName = repository.split("/", -1);
        if (ownerAndName.length != 2 || ownerAndName[0].isBlank() || ownerAndName[1].isBlank()) {
            throw new IllegalArgumentException("a GitHub repository is owner/name, was '" + repository + "'");
        }
        // one commit per page: only the counts are read, and the list of commits can be long
        RequestHeadersSpec<?> request = github.get()
                .uri("/repos/{owner}/{repo}/compare/{base}...{head}?per_page=1",
                        ownerAndName[0], ownerAndName[1], base, head);
        Comparison comparison = HttpApis.exchange(doing, "GitHub", request, (sent, response) -> {
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw refused(doing, repository, base, head, response);
            }
            Comparison body = response.bodyTo(Comparison.class);
            if (body == null || body.status() == null) {
                throw new GitHubUnavailableException(doing + ": GitHub answered "
                        + statusOf(response.getStatusCode()) + " without a comparison");
            }
            return body;
        }, GitHubUnavailableException::new);
        return new BranchComparison(base, head, comparison.status(), comparison.aheadBy(), comparison.behindBy());
    }

    private static RuntimeException refused(String doing, String repository, String base, String head,
            ConvertibleClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        HttpHeaders headers = response.getHeaders();
        String said = ApiAnswers.said(status, StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8),
                MAX_BODY_IN_MESSAGE, "/message");
        int code = status.value();
        if ((code == 403 || code == 429) && "0".equals(headers.getFirst("x-ratelimit-remaining"))) {
            return new GitHubUnavailableException(doing + ": the token has used up its GitHub rate limit ("
                    + said + "); it resets " + resetOf(headers.getFirst("x-ratelimit-reset")));
        }
        if ((code == 403 || code == 429) && headers.getFirst(HttpHeaders.RETRY_AFTER) != null) {
            return new GitHubUnavailableException(doing + ": GitHub's secondary rate limit (" + said
                    + "); it asks to retry after " + headers.getFirst(HttpHeaders.RETRY_AFTER) + " s");
        }
        return switch (code) {
            case 401 -> new StepFailedException(doing + ": GitHub rejected the token (" + said
                    + "). It may be expired or revoked: set CUTOVER_GITHUB_TOKEN to a valid one.");
            case 403 -> new StepFailedException(doing + ": the GitHub token may not read " + repository + " ("
                    + said + "). A fine-grained token needs read access to the repository's contents.");
            case 404 -> new StepFailedException(doing + ": GitHub found nothing to compare (" + said
                    + "). Check that " + repository + " exists with branches '" + base + "' and '" + head
                    + "', or the token cannot see the repository.");
            default -> status.is5xxServerError()
                    ? new GitHubUnavailableException(doing + ": GitHub answered " + said)
                    : new StepFailedException(doing + ": GitHub refused (" + said + ")");
        };
    }

    private static String resetOf(String epochSeconds) {
        try {
            return "at " + Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip())).truncatedTo(ChronoUnit.SECONDS);
        } catch (RuntimeException unreadable) {
            return "within the hour";
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Comparison(String status, int aheadBy, int behindBy) {}
}
