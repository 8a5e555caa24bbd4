package dev.cutover.pingdom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PingdomAdapterTest {

    @RegisterExtension
    static WireMockExtension pingdomApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String TOKEN = "ofOhK18Ca6w4S_XmInGv0QPkqly-rbRBBoHsp_2FEH5QnIbH0VZhRPO3tlvrjMIKQ36VapX";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String CHECKS = "/api/3.1/checks";
    private static final String NAME = "clearmyrecord.org health";
    private static final String HOST = "www.clearmyrecord.org";
    private static final String PATH = "/health/";
    private static final long OLD_ID = 6104211;
    private static final long NEW_ID = 7215834;
    private static final String OLD_HOST = "clearmyrecord.codeforamerica.org";

    private PingdomAdapter pingdom;

    @BeforeEach
    void connectToPingdom() {
        pingdom = PingdomAdapter.create(URI.create("http://127.0.0.1:" + pingdomApi.getPort() + "/api/3.1"), TOKEN);
    }

    @Test
    void addsAnHttpsCheckOnTheHealthPage_whenNoCheckHasTheName() {
        givenChecks(summary(OLD_ID, OLD_HOST + " health", OLD_HOST, "up"));
        pingdomApi.stubFor(post(CHECKS).willReturn(okJson("""
                {"check": {"id": 7215834, "name": "clearmyrecord.org health"}}""")));
        givenDetail(NEW_ID, detail(NEW_ID, NAME, HOST, PATH, true, 443, "unknown"));

        Ensured<PingdomCheck> result = pingdom.ensureHttpCheck(NAME, HOST, PATH);

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value()).isEqualTo(new PingdomCheck(NEW_ID, NAME, HOST, PATH, true, "unknown"));
        pingdomApi.verify(getRequestedFor(urlPathEqualTo(CHECKS))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Accept", equalTo("application/json")));
        pingdomApi.verify(1, postRequestedFor(urlPathEqualTo(CHECKS))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"name": "clearmyrecord.org health", "type": "http", "host": "www.clearmyrecord.org",
                         "url": "/health/", "encryption": true, "resolution": 1, "tags": ["cutover"]}""")));
        pingdomApi.verify(getRequestedFor(urlPathEqualTo(CHECKS + "/" + NEW_ID))
                .withHeader("Authorization", equalTo(BEARER)));
    }

    @Test
    void anAnswerThatIsNotJson_failsNamingPingdomAndCreatesNothing() {
        pingdomApi.stubFor(get(urlPathEqualTo(CHECKS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"checks\": [ {\"id\": 61042")));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .hasMessageContaining("Pingdom's answer could not be read");
        pingdomApi.verify(0, postRequestedFor(urlPathEqualTo(CHECKS)));
    }

    @Test
    void changesNothing_whenTheCheckAlreadyWatchesTheHealthPage() {
        givenChecks(summary(OLD_ID, OLD_HOST + " health", OLD_HOST, "up"), summary(NEW_ID, NAME, HOST, "up"));
        givenDetail(NEW_ID, detail(NEW_ID, NAME, HOST, PATH, true, 443, "up"));

        Ensured<PingdomCheck> result = pingdom.ensureHttpCheck(NAME, HOST, PATH);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value()).isEqualTo(new PingdomCheck(NEW_ID, NAME, HOST, PATH, true, "up"));
        pingdomApi.verify(0, postRequestedFor(anyUrl()));
        pingdomApi.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void correctsACheckOfThatNameWatchingTheOldSiteOverHttp_andReadsItBack() {
        givenChecks(summary(NEW_ID, NAME, OLD_HOST, "up"));
        pingdomApi.stubFor(get(CHECKS + "/" + NEW_ID).inScenario("correction")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(detail(NEW_ID, NAME, OLD_HOST, "/", false, 80, "up"))));
        pingdomApi.stubFor(put(CHECKS + "/" + NEW_ID).inScenario("correction")
                .willReturn(okJson("""
                        {"message": "Modification of check was successful!"}"""))
                .willSetStateTo("corrected"));
        pingdomApi.stubFor(get(CHECKS + "/" + NEW_ID).inScenario("correction")
                .whenScenarioStateIs("corrected")
                .willReturn(okJson(detail(NEW_ID, NAME, HOST, PATH, true, 443, "unknown"))));

        Ensured<PingdomCheck> result = pingdom.ensureHttpCheck(NAME, HOST, PATH);

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value()).isEqualTo(new PingdomCheck(NEW_ID, NAME, HOST, PATH, true, "unknown"));
        pingdomApi.verify(1, putRequestedFor(urlPathEqualTo(CHECKS + "/" + NEW_ID))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"host": "www.clearmyrecord.org", "url": "/health/", "encryption": true, "port": 443}""")));
        pingdomApi.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void sendsOnlyWhatDiffers_whenOnlyThePathIsWrong() {
        givenChecks(summary(NEW_ID, NAME, HOST, "down"));
        pingdomApi.stubFor(get(CHECKS + "/" + NEW_ID).inScenario("path")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(detail(NEW_ID, NAME, HOST, "/healthz", true, 443, "down"))));
        pingdomApi.stubFor(put(CHECKS + "/" + NEW_ID).inScenario("path")
                .willReturn(okJson("""
                        {"message": "Modification of check was successful!"}"""))
                .willSetStateTo("corrected"));
        pingdomApi.stubFor(get(CHECKS + "/" + NEW_ID).inScenario("path")
                .whenScenarioStateIs("corrected")
                .willReturn(okJson(detail(NEW_ID, NAME, HOST, PATH, true, 443, "down"))));

        Ensured<PingdomCheck> result = pingdom.ensureHttpCheck(NAME, HOST, PATH);

        assertThat(result.changed()).isTrue();
        pingdomApi.verify(putRequestedFor(urlPathEqualTo(CHECKS + "/" + NEW_ID))
                .withRequestBody(equalToJson("""
                        {"url": "/health/"}""")));
    }

    @Test
    void resumesAPausedCheck_thatWatchesTheRightPage() {
        givenChecks(summary(NEW_ID, NAME, HOST, "paused"));
        pingdomApi.stubFor(get(CHECKS + "/" + NEW_ID).inScenario("paused")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(detail(NEW_ID, NAME, HOST, PATH, true, 443, "paused"))));
        pingdomApi.stubFor(put(CHECKS + "/" + NEW_ID).inScenario("paused")
                .willReturn(okJson("""
                        {"message": "Modification of check was successful!"}"""))
                .willSetStateTo("resumed"));
        pingdomApi.stubFor(get(CHECKS + "/" + NEW_ID).inScenario("paused")
                .whenScenarioStateIs("resumed")
                .willReturn(okJson(detail(NEW_ID, NAME, HOST, PATH, true, 443, "unknown"))));

        Ensured<PingdomCheck> result = pingdom.ensureHttpCheck(NAME, HOST, PATH);

        assertThat(result.value().status()).isEqualTo("unknown");
        pingdomApi.verify(putRequestedFor(urlPathEqualTo(CHECKS + "/" + NEW_ID))
                .withRequestBody(equalToJson("""
                        {"paused": false}""")));
    }

    @Test
    void fails_whenPingdomAcceptsTheCorrectionButTheCheckStillWatchesTheOldSite() {
        givenChecks(summary(NEW_ID, NAME, OLD_HOST, "up"));
        givenDetail(NEW_ID, detail(NEW_ID, NAME, OLD_HOST, PATH, true, 443, "up"));
        pingdomApi.stubFor(put(CHECKS + "/" + NEW_ID).willReturn(okJson("""
                {"message": "Modification of check was successful!"}""")));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("still watches https://clearmyrecord.codeforamerica.org/health/")
                .hasMessageContaining("instead of https://www.clearmyrecord.org/health/");
    }

    @Test
    void failsNamingTheIds_whenTwoChecksHaveTheName() {
        givenChecks(summary(NEW_ID, NAME, HOST, "up"), summary(7215901, NAME, OLD_HOST, "up"));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("2 checks named 'clearmyrecord.org health'")
                .hasMessageContaining("ids 7215834, 7215901");
        pingdomApi.verify(0, postRequestedFor(anyUrl()));
        pingdomApi.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void fails_whenTheCheckOfThatNameIsNotAnHttpCheck() {
        givenChecks(summary(NEW_ID, NAME, HOST, "up"));
        givenDetail(NEW_ID, """
                {"check": {"id": 7215834, "name": "clearmyrecord.org health", "hostname": "www.clearmyrecord.org",
                 "status": "up", "resolution": 1, "type": {"ping": {}}}}""");

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("is a ping check")
                .hasMessageContaining("cannot change a check's type");
        pingdomApi.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void failsForGood_whenPingdomRejectsTheToken_withoutShowingIt() {
        pingdomApi.stubFor(get(CHECKS).willReturn(jsonResponse("""
                {"error": {"statuscode": 401, "statusdesc": "Unauthorized", "errormessage": "Invalid token"}}""",
                401)));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("rejected the API token (401 Unauthorized: Invalid token)")
                .hasMessageContaining("CUTOVER_PINGDOM_TOKEN")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void failsForGood_whenTheTokenMayOnlyRead() {
        givenChecks();
        pingdomApi.stubFor(post(CHECKS).willReturn(jsonResponse("""
                {"error": {"statuscode": 403, "statusdesc": "Forbidden",
                 "errormessage": "Token does not have write access"}}""", 403)));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("403 Forbidden: Token does not have write access")
                .hasMessageContaining("Read/Write")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void failsForGood_withPingdomsWords_whenItRefusesTheParameters() {
        givenChecks();
        pingdomApi.stubFor(post(CHECKS).willReturn(jsonResponse("""
                {"error": {"statuscode": 400, "statusdesc": "Bad Request",
                 "errormessage": "Invalid parameter value: host"}}""", 400)));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Adding Pingdom check 'clearmyrecord.org health' on https://www.clearmyrecord.org/health/")
                .hasMessageContaining("400 Bad Request: Invalid parameter value: host");
    }

    @Test
    void failsForRetry_whenPingdomAnswers5xx() {
        pingdomApi.stubFor(get(CHECKS).willReturn(aResponse().withStatus(503).withBody("upstream unavailable")));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(PingdomUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("503 Service Unavailable: upstream unavailable");
    }

    @Test
    void failsForRetry_whenTheRequestLimitIsReached() {
        pingdomApi.stubFor(get(CHECKS).willReturn(jsonResponse("""
                {"error": {"statuscode": 429, "statusdesc": "Too Many Requests",
                 "errormessage": "Request limit exceeded, try again later"}}""", 429)
                .withHeader("Req-Limit-Short", "Remaining: 0 Time until reset: 42")));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(PingdomUnavailableException.class)
                .hasMessageContaining("request limit is reached");
    }

    @Test
    void failsForRetry_sayingTheCheckMayExist_whenTheConnectionDropsWhileAdding() {
        givenChecks();
        pingdomApi.stubFor(post(CHECKS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> pingdom.ensureHttpCheck(NAME, HOST, PATH))
                .isInstanceOf(PingdomUnavailableException.class)
                .hasMessageContaining("Pingdom did not answer")
                .hasMessageContaining("may have added the check anyway");
        pingdomApi.verify(1, postRequestedFor(urlPathEqualTo(CHECKS)));
    }

    private static void givenChecks(String... summaries) {
        pingdomApi.stubFor(get(CHECKS).willReturn(okJson("{\"checks\": [" + String.join(", ", summaries)
                + "], \"counts\": {\"total\": " + summaries.length + ", \"limited\": " + summaries.length
                + ", \"filtered\": " + summaries.length + "}}")));
    }

    private static void givenDetail(long id, String body) {
        pingdomApi.stubFor(get(CHECKS + "/" + id).willReturn(okJson(body)));
    }

    private static String summary(long id, String name, String host, String status) {
        return """
                {"id": %d, "created": 1528456789, "name": "%s", "hostname": "%s", "resolution": 1, "type": "http",
                 "ipv6": false, "verify_certificate": true, "lasterrortime": 1716200000,
                 "lasttesttime": 1717171717, "lastresponsetime": 412, "status": "%s",
                 "tags": [{"name": "heroku", "type": "u", "count": 1}]}""".formatted(id, name, host, status);
    }

    private static String detail(long id, String name, String host, String path, boolean encryption, int port,
            String status) {
        return """
                {"check": {"id": %d, "name": "%s", "resolution": 1, "sendnotificationwhendown": 2,
                 "notifyagainevery": 0, "notifywhenbackup": true, "created": 1528456789,
                 "type": {"http": {"url": "%s", "encryption": %s, "port": %d,
                   "requestheaders": {"User-Agent": "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)"}}},
                 "hostname": "%s", "ipv6": false, "responsetime_threshold": 30000, "custom_message": "",
                 "integrationids": [], "lasterrortime": 1716200000, "lasttesttime": 1717171717,
                 "lastresponsetime": 412, "status": "%s", "tags": [], "probe_filters": [], "userids": [],
                 "teamids": [], "verify_certificate": true, "ssl_down_days_before": 0}}"""
                .formatted(id, name, path, encryption, port, host, status);
    }
}
