package dev.cutover.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roll back to a pre-Zappa codebase: Heroku's releases, listed newest first, and a rollback to one. */
@WireMockTest
class HerokuReleasesTest {

    private static final String TOKEN = "HRKU-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String APP = "clearmyrecord";
    private static final String RELEASES = "/apps/clearmyrecord/releases";
    private static final String ACCEPT_V3 = "application/vnd.heroku+json; version=3";

    private HerokuAdapter heroku;

    @BeforeEach
    void connectToHeroku(WireMockRuntimeInfo api) {
        heroku = HerokuAdapter.create(URI.create(api.getHttpBaseUrl()), TOKEN,
                Clock.fixed(Instant.parse("2026-11-27T10:15:00Z"), ZoneOffset.UTC));
    }

    @Test
    void releases_asksForTheNewestFirstWithARangeHeader_andReadsVersionSlugAndTime() {
        stubFor(get(RELEASES).willReturn(herokuJson(206, """
                [
                  {"id": "7e0a1f3c-0000-4000-8000-000000000215", "version": 215, "current": true,
                   "description": "Deploy 9b3e7f1", "status": "succeeded",
                   "slug": {"id": "aa11bb22-0000-4000-8000-0000000000b2"}, "created_at": "2026-11-26T18:02:11Z",
                   "user": {"email": "dev@example.org", "id": "01234567-89ab-cdef-0123-456789abcdef"}},
                  {"id": "7e0a1f3c-0000-4000-8000-000000000214", "version": 214, "current": false,
                   "description": "Set AWS_STORAGE_BUCKET_NAME config vars", "status": "succeeded",
                   "slug": {"id": "aa11bb22-0000-4000-8000-0000000000a1"}, "created_at": "2026-11-25T09:40:00Z"}
                ]""")));

        List<Release> releases = heroku.releases(APP, 2);

        assertThat(releases).extracting(Release::version).containsExactly(215, 214);
        assertThat(releases.get(0).slugId()).isEqualTo("aa11bb22-0000-4000-8000-0000000000b2");
        assertThat(releases.get(0).createdAt()).isEqualTo(Instant.parse("2026-11-26T18:02:11Z"));
        assertThat(releases.get(1).sameCodebaseAs("aa11bb22-0000-4000-8000-0000000000a1")).isTrue();
        verify(getRequestedFor(urlPathEqualTo(RELEASES))
                .withHeader("Range", equalTo("version ..; order=desc, max=2"))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void rollbackTo_postsTheReleaseVersion_andReturnsTheNewRelease() {
        stubFor(post(RELEASES).willReturn(herokuJson(201, """
                {"id": "7e0a1f3c-0000-4000-8000-000000000216", "version": 216, "current": true,
                 "description": "Rollback to v214", "status": "succeeded",
                 "slug": {"id": "aa11bb22-0000-4000-8000-0000000000a1"}, "created_at": "2026-11-27T10:15:02Z"}""")));

        Release made = heroku.rollbackTo(APP, "v214");

        assertThat(made.label()).isEqualTo("v216");
        assertThat(made.description()).isEqualTo("Rollback to v214");
        verify(postRequestedFor(urlPathEqualTo(RELEASES))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"release\": \"214\"}")));
    }

    @Test
    void rollbackTo_failsForGoodNamingTheApp_whenHerokuHasNoSuchRelease() {
        stubFor(post(RELEASES).willReturn(herokuJson(404, """
                {"id": "not_found", "message": "Couldn't find that release.", "resource": "release"}""")));

        assertThatThrownBy(() -> heroku.rollbackTo(APP, "v999"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Rolling back Heroku app 'clearmyrecord' to release v999")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void releases_failsForARetry_whenHerokuRateLimits() {
        stubFor(get(RELEASES).willReturn(herokuJson(429, """
                {"id": "rate_limit", "message": "Your account reached the API rate limit"}""")));

        assertThatThrownBy(() -> heroku.releases(APP, 5)).isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("rate-limiting");
    }

    private static ResponseDefinitionBuilder herokuJson(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "01234567-89ab-cdef-0123-456789abcdef")
                .withBody(body);
    }
}
