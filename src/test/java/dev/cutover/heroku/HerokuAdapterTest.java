package dev.cutover.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class HerokuAdapterTest {

    private static final String TOKEN = "HRKU-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String APP = "clearmyrecord";
    private static final String CONFIG_VARS = "/apps/clearmyrecord/config-vars";
    private static final String ACCEPT_V3 = "application/vnd.heroku+json; version=3";
    private static final String INTERIM_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String DATABASE_PASSWORD = "p8f3c1e2d4b5a6978";

    private HerokuAdapter heroku;

    @BeforeEach
    void connectToHeroku(WireMockRuntimeInfo api) {
        heroku = HerokuAdapter.create(URI.create(api.getHttpBaseUrl()), TOKEN);
    }

    @Test
    void configVars_readsTheAppsVarsWithTheV3MediaTypeAndTheToken() {
        stubFor(get(CONFIG_VARS).willReturn(herokuJson(200, """
                {
                  "ALLOWED_HOSTS": "clearmyrecord.codeforamerica.org",
                  "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
                  "AWS_SECRET_ACCESS_KEY": "%s",
                  "AWS_STORAGE_BUCKET_NAME": "clearmyrecord-heroku-media",
                  "DATABASE_URL": "postgres://clearmyrecord:%s@clearmyrecord-prod.c9x.us-east-1.rds.amazonaws.com:5432/clearmyrecord",
                  "DJANGO_SETTINGS_MODULE": "clearmyrecord.settings.production"
                }""".formatted(INTERIM_SECRET, DATABASE_PASSWORD))));

        Map<String, String> vars = heroku.configVars(APP);

        assertThat(vars)
                .containsEntry("AWS_STORAGE_BUCKET_NAME", "clearmyrecord-heroku-media")
                .containsEntry("AWS_SECRET_ACCESS_KEY", INTERIM_SECRET)
                .hasSize(6);
        verify(getRequestedFor(urlPathEqualTo(CONFIG_VARS))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void setConfigVars_patchesSetAndRemovedVarsInOneRequest_aNullRemoving() {
        stubFor(patch(CONFIG_VARS).willReturn(herokuJson(200, """
                {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "%s",
                 "AWS_STORAGE_BUCKET_NAME": "clearmyrecord-media-prod"}""".formatted(INTERIM_SECRET))));
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        changes.put("AWS_SECRET_ACCESS_KEY", INTERIM_SECRET);
        changes.put("AWS_STORAGE_BUCKET_NAME", "clearmyrecord-media-prod");
        changes.put("AWS_S3_CUSTOM_DOMAIN", null);

        heroku.setConfigVars(APP, changes);

        verify(patchRequestedFor(urlPathEqualTo(CONFIG_VARS))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "%s",
                         "AWS_STORAGE_BUCKET_NAME": "clearmyrecord-media-prod", "AWS_S3_CUSTOM_DOMAIN": null}"""
                        .formatted(INTERIM_SECRET))));
    }

    @Test
    void setConfigVars_sendsNothing_whenThereIsNothingToChange() {
        heroku.setConfigVars(APP, Map.of());

        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void setConfigVars_failsForGoodWithoutTokenOrValues_whenTheTokenIsRejected() {
        stubFor(patch(CONFIG_VARS).willReturn(herokuJson(401, """
                {"id": "unauthorized", "message": "Invalid credentials provided."}""")));

        assertThatThrownBy(() -> heroku.setConfigVars(APP, Map.of("AWS_SECRET_ACCESS_KEY", INTERIM_SECRET)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Changing the config vars [AWS_SECRET_ACCESS_KEY] of Heroku app 'clearmyrecord'")
                .hasMessageContaining("Heroku rejected the token (401 Unauthorized unauthorized")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining(INTERIM_SECRET);
    }

    @Test
    void setConfigVars_leavesHerokusMessageOut_whenItRefusesAWrite() {
        stubFor(patch(CONFIG_VARS).willReturn(herokuJson(422, """
                {"id": "invalid_params", "message": "Value '%s' of AWS_SECRET_ACCESS_KEY is invalid."}"""
                .formatted(INTERIM_SECRET))));

        assertThatThrownBy(() -> heroku.setConfigVars(APP, Map.of("AWS_SECRET_ACCESS_KEY", INTERIM_SECRET)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku refused (422 Unprocessable Entity invalid_params)")
                .hasMessageNotContaining(INTERIM_SECRET);
    }

    @Test
    void configVars_failsForGoodNamingTheApp_whenHerokuHasNoSuchApp() {
        stubFor(get(CONFIG_VARS).willReturn(herokuJson(404, """
                {"id": "not_found", "message": "Couldn't find that app.", "resource": "app"}""")));

        assertThatThrownBy(() -> heroku.configVars(APP))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku has no app named 'clearmyrecord'")
                .hasMessageContaining("404 Not Found not_found: Couldn't find that app.");
    }

    @Test
    void configVars_failsForGood_whenTheTokenMayNotSeeTheApp() {
        stubFor(get(CONFIG_VARS).willReturn(herokuJson(403, """
                {"id": "forbidden", "message": "You do not have access to the app clearmyrecord."}""")));

        assertThatThrownBy(() -> heroku.configVars(APP))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("may not do this to app 'clearmyrecord' (403 Forbidden forbidden")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void configVars_failsForARetry_whenHerokuRateLimits() {
        stubFor(get(CONFIG_VARS).willReturn(herokuJson(429, """
                {"id": "rate_limit", "message": "Your account reached the API rate limit. Please wait a few minutes before making new requests."}""")
                .withHeader("RateLimit-Remaining", "0")));

        assertThatThrownBy(() -> heroku.configVars(APP))
                .isInstanceOf(HerokuUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("rate-limiting the token (429 Too Many Requests rate_limit");
    }

    @Test
    void setConfigVars_failsForARetryWithoutValues_whenHerokuFailsOnItsSide() {
        stubFor(patch(CONFIG_VARS).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Application Error " + INTERIM_SECRET + "</body></html>")));

        assertThatThrownBy(() -> heroku.setConfigVars(APP, Map.of("AWS_SECRET_ACCESS_KEY", INTERIM_SECRET)))
                .isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("Heroku answered 503 Service Unavailable")
                .hasMessageNotContaining(INTERIM_SECRET);
    }

    @Test
    void configVars_failsForARetry_whenHerokuDropsTheConnection() {
        stubFor(get(CONFIG_VARS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> heroku.configVars(APP))
                .isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("Heroku did not answer")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void configVarChanges_showOnlyNames_whenTheHttpClientLogsTheBody() {
        HerokuAdapter.ConfigVarChanges changes = new HerokuAdapter.ConfigVarChanges(
                Map.of("AWS_SECRET_ACCESS_KEY", INTERIM_SECRET));

        assertThat(changes.toString()).contains("AWS_SECRET_ACCESS_KEY").doesNotContain(INTERIM_SECRET);
    }

    private static ResponseDefinitionBuilder herokuJson(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "01234567-89ab-cdef-0123-456789abcdef")
                .withHeader("RateLimit-Remaining", "4487")
                .withBody(body);
    }
}
