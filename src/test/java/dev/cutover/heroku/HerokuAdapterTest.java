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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class HerokuAdapterTest {

    private static final String TOKEN = "HRKU-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String APP = "clearmyrecord";
    private static final String CONFIG_VARS = "/apps/clearmyrecord/config-vars";
    private static final String APP_INFO = "/apps/clearmyrecord";
    private static final String FORMATION = "/apps/clearmyrecord/formation";
    private static final String WEB_FORMATION = "/apps/clearmyrecord/formation/web";
    private static final String ACCEPT_V3 = "application/vnd.heroku+json; version=3";
    private static final String INTERIM_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final String DATABASE_PASSWORD = "p8f3c1e2d4b5a6978";

    private HerokuAdapter heroku;

    @BeforeEach
    void connectToHeroku(WireMockRuntimeInfo api) {
        heroku = HerokuAdapter.create(URI.create(api.getHttpBaseUrl()), TOKEN,
                Clock.fixed(Instant.parse("2026-11-25T10:15:00Z"), ZoneOffset.UTC));
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

    @Test
    void formation_readsEveryProcessTypeWithItsQuantityAndSize() {
        stubFor(get(FORMATION).willReturn(herokuJson(200, "[" + formationJson("web", 2) + ","
                + formationJson("worker", 1) + "," + formationJson("clock", 1) + "]")));

        List<Formation> formation = heroku.formation(APP);

        assertThat(formation).containsExactly(
                new Formation("web", 2, "Standard-1X"),
                new Formation("worker", 1, "Standard-1X"),
                new Formation("clock", 1, "Standard-1X"));
        verify(getRequestedFor(urlPathEqualTo(FORMATION))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void scale_patchesOnlyTheQuantity_andReturnsTheFormationAsItWasBefore() {
        stubFor(get(WEB_FORMATION).willReturn(herokuJson(200, formationJson("web", 2))));
        stubFor(patch(WEB_FORMATION).willReturn(herokuJson(200, formationJson("web", 0))));

        Ensured<Formation> scaled = heroku.scale(APP, "web", 0);

        assertThat(scaled.changed()).isTrue();
        assertThat(scaled.value()).isEqualTo(new Formation("web", 2, "Standard-1X"));
        verify(patchRequestedFor(urlPathEqualTo(WEB_FORMATION))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"quantity": 0}""")));
    }

    @Test
    void scale_sendsNothing_whenTheProcessTypeRunsThatManyDynosAlready() {
        stubFor(get(WEB_FORMATION).willReturn(herokuJson(200, formationJson("web", 0))));

        Ensured<Formation> scaled = heroku.scale(APP, "web", 0);

        assertThat(scaled.changed()).isFalse();
        assertThat(scaled.value()).isEqualTo(new Formation("web", 0, "Standard-1X"));
        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void scale_changesOnce_whenARetryFindsTheDynosScaledAlready() {
        stubFor(get(WEB_FORMATION).inScenario("scale web").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(herokuJson(200, formationJson("web", 2))));
        stubFor(patch(WEB_FORMATION).inScenario("scale web").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(herokuJson(200, formationJson("web", 0))).willSetStateTo("scaled"));
        stubFor(get(WEB_FORMATION).inScenario("scale web").whenScenarioStateIs("scaled")
                .willReturn(herokuJson(200, formationJson("web", 0))));

        Ensured<Formation> first = heroku.scale(APP, "web", 0);
        Ensured<Formation> retry = heroku.scale(APP, "web", 0);

        assertThat(first.changed()).isTrue();
        assertThat(retry.changed()).isFalse();
        verify(1, patchRequestedFor(urlPathEqualTo(WEB_FORMATION)));
    }

    @Test
    void scale_failsForGoodNamingTheProcessType_whenTheAppHasNoSuchType() {
        stubFor(get(FORMATION + "/clock").willReturn(herokuJson(404, """
                {"id": "not_found", "message": "Couldn't find that formation.", "resource": "formation"}""")));

        assertThatThrownBy(() -> heroku.scale(APP, "clock", 0))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Scaling process type 'clock' of Heroku app 'clearmyrecord' to 0 dynos")
                .hasMessageContaining("Heroku app 'clearmyrecord' has no process type 'clock'")
                .hasMessageContaining("404 Not Found not_found: Couldn't find that formation.");
        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void scale_failsForGoodNamingTheApp_whenHerokuHasNoSuchApp() {
        stubFor(get(WEB_FORMATION).willReturn(herokuJson(404, """
                {"id": "not_found", "message": "Couldn't find that app.", "resource": "app"}""")));

        assertThatThrownBy(() -> heroku.scale(APP, "web", 0))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku has no app named 'clearmyrecord'");
    }

    @Test
    void scale_failsForARetry_whenHerokuFailsOnItsSide() {
        stubFor(get(WEB_FORMATION).willReturn(herokuJson(200, formationJson("web", 2))));
        stubFor(patch(WEB_FORMATION).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Service Unavailable</body></html>")));

        assertThatThrownBy(() -> heroku.scale(APP, "web", 0))
                .isInstanceOf(HerokuUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku answered 503 Service Unavailable");
    }

    @Test
    void ensureMaintenance_turnsItOn_whenTheAppIsServing() {
        stubFor(get(APP_INFO).willReturn(herokuJson(200, appInfoJson(false))));
        stubFor(patch(APP_INFO).willReturn(herokuJson(200, appInfoJson(true))));

        Ensured<Boolean> maintenance = heroku.ensureMaintenance(APP, true);

        assertThat(maintenance.changed()).isTrue();
        assertThat(maintenance.value()).isTrue();
        verify(patchRequestedFor(urlPathEqualTo(APP_INFO))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"maintenance": true}""")));
    }

    @Test
    void ensureMaintenance_sendsNothing_whenTheAppIsInMaintenanceAlready() {
        stubFor(get(APP_INFO).willReturn(herokuJson(200, appInfoJson(true))));

        Ensured<Boolean> maintenance = heroku.ensureMaintenance(APP, true);

        assertThat(maintenance.changed()).isFalse();
        assertThat(maintenance.value()).isTrue();
        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void ensureMaintenance_turnsItOff_whenTheAppIsInMaintenance() {
        stubFor(get(APP_INFO).willReturn(herokuJson(200, appInfoJson(true))));
        stubFor(patch(APP_INFO).willReturn(herokuJson(200, appInfoJson(false))));

        Ensured<Boolean> maintenance = heroku.ensureMaintenance(APP, false);

        assertThat(maintenance.changed()).isTrue();
        verify(patchRequestedFor(urlPathEqualTo(APP_INFO)).withRequestBody(equalToJson("""
                {"maintenance": false}""")));
    }

    @Test
    void ensureMaintenance_failsForGoodWithoutTheToken_whenTheTokenMayNotChangeTheApp() {
        stubFor(get(APP_INFO).willReturn(herokuJson(200, appInfoJson(false))));
        stubFor(patch(APP_INFO).willReturn(herokuJson(403, """
                {"id": "forbidden", "message": "You do not have access to the app clearmyrecord."}""")));

        assertThatThrownBy(() -> heroku.ensureMaintenance(APP, true))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Turning maintenance mode on for Heroku app 'clearmyrecord'")
                .hasMessageContaining("may not do this to app 'clearmyrecord' (403 Forbidden forbidden")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void ensureMaintenance_failsForARetry_whenHerokuRateLimits() {
        stubFor(get(APP_INFO).willReturn(herokuJson(429, """
                {"id": "rate_limit", "message": "Your account reached the API rate limit. Please wait a few minutes before making new requests."}""")
                .withHeader("RateLimit-Remaining", "0")));

        assertThatThrownBy(() -> heroku.ensureMaintenance(APP, true))
                .isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("rate-limiting the token (429 Too Many Requests rate_limit");
        verify(0, patchRequestedFor(anyUrl()));
    }

    private static String formationJson(String type, int quantity) {
        return """
                {
                  "app": {"id": "6c9e1a7d-2b3f-4c5d-8e9f-0a1b2c3d4e5f", "name": "clearmyrecord"},
                  "command": "%s",
                  "created_at": "2019-03-04T18:22:41Z",
                  "dyno_size": {"id": "e66b4b0c-8d9f-4a3b-9f6e-2c1d0a9b8c7d", "name": "Standard-1X"},
                  "id": "0f3e2d1c-4b5a-6978-8a9b-0c1d2e3f4a5b",
                  "quantity": %d,
                  "size": "Standard-1X",
                  "type": "%s",
                  "updated_at": "2024-11-18T09:41:07Z"
                }""".formatted(switch (type) {
                    case "web" -> "gunicorn clearmyrecord.wsgi --log-file -";
                    case "worker" -> "celery -A clearmyrecord worker -l info";
                    default -> "celery -A clearmyrecord beat -l info";
                }, quantity, type);
    }

    private static String appInfoJson(boolean maintenance) {
        return """
                {
                  "acm": true,
                  "archived_at": null,
                  "buildpack_provided_description": "Python",
                  "build_stack": {"id": "ee582d3c-717d-4a57-ba5f-8b3a39f3a817", "name": "heroku-22"},
                  "created_at": "2019-03-04T18:20:11Z",
                  "git_url": "https://git.heroku.com/clearmyrecord.git",
                  "id": "6c9e1a7d-2b3f-4c5d-8e9f-0a1b2c3d4e5f",
                  "internal_routing": null,
                  "maintenance": %s,
                  "name": "clearmyrecord",
                  "owner": {"email": "clearmyrecord@codeforamerica.org", "id": "9a8b7c6d-5e4f-3a2b-1c0d-ef9876543210"},
                  "region": {"id": "59accabd-516d-4f0e-83e6-6e3757701145", "name": "us"},
                  "released_at": "2024-11-18T09:40:55Z",
                  "repo_size": null,
                  "slug_size": 98304512,
                  "space": null,
                  "stack": {"id": "ee582d3c-717d-4a57-ba5f-8b3a39f3a817", "name": "heroku-22"},
                  "updated_at": "2024-11-18T09:41:07Z",
                  "web_url": "https://clearmyrecord-4f7a2c9e1b3d.herokuapp.com/"
                }""".formatted(maintenance);
    }

    private static ResponseDefinitionBuilder herokuJson(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "01234567-89ab-cdef-0123-456789abcdef")
                .withHeader("RateLimit-Remaining", "4487")
                .withBody(body);
    }
}
