package dev.cutover.heroku;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Check Heroku traffic on the wire: a log session of the router's lines opened through the Platform
 * API with the token, then its signed logplex URL read without it.
 */
@WireMockTest
class HerokuTrafficTest {

    private static final String TOKEN = "HRKU-0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String APP = "clearmyrecord";
    private static final String LOG_SESSIONS = "/apps/clearmyrecord/log-sessions";
    private static final String ACCEPT_V3 = "application/vnd.heroku+json; version=3";
    private static final String SIGNATURE = "c2lnbmVkLWJ5LWxvZ3BsZXgtZm9yLW9uZS1zZXNzaW9u";
    private static final String SESSION = "/sessions/9d3f6a2e-1c4b-4e8f-a7d0-5b2c8e1f4a39";
    private static final String SESSION_QUERY = "?srv=1764065700&sig=" + SIGNATURE;
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:00Z");
    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    private HerokuAdapter heroku;
    private String logplexUrl;

    @BeforeEach
    void connectToHeroku(WireMockRuntimeInfo api) {
        heroku = HerokuAdapter.create(URI.create(api.getHttpBaseUrl()), TOKEN, Clock.fixed(NOW, ZoneOffset.UTC));
        // served by the same WireMock: what matters is that the token does not go along
        logplexUrl = api.getHttpBaseUrl() + SESSION + SESSION_QUERY;
    }

    @Test
    void routerTraffic_opensARouterLogSessionWithTheToken_andReadsItsSignedUrlWithout() {
        logSessionOpens();
        logplexAnswers(routerLine("10:05:00.000000", "GET", "/", 200));

        heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500);

        verify(postRequestedFor(urlPathEqualTo(LOG_SESSIONS))
                .withHeader("Accept", equalTo(ACCEPT_V3))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"dyno": "router", "source": "heroku", "lines": 1500, "tail": false}""")));
        verify(getRequestedFor(urlEqualTo(SESSION + SESSION_QUERY)).withoutHeader("Authorization"));
        verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void routerTraffic_countsTheRoutersRequestsInTheWindow_andThoseAnswered5xx() {
        logSessionOpens();
        logplexAnswers(
                routerLine("09:58:30.412007", "GET", "/", 200),
                routerLine("10:00:01.123456", "GET", "/apply/", 200),
                "2026-11-25T10:03:12.000101+00:00 app[web.1]: 10.1.42.7 - - \"GET /apply/ HTTP/1.1\" 200 5120",
                "2026-11-25T10:05:00.250000+00:00 heroku[router]: at=error code=H14 desc=\"No web processes running\""
                        + " method=GET path=\"/\" host=clearmyrecord.herokuapp.com request_id=6a2d9f1e-3b7c-4e5a"
                        + " fwd=\"203.0.113.9\" dyno= connect= service= status=503 bytes= protocol=https",
                routerLine("10:07:45.900000", "POST", "/apply/start/", 500),
                routerLine("10:09:10.000000", "GET", "/search/?method=POST&q=record", 404),
                "2026-11-25T10:11:00.000000+00:00 heroku[router]: at=warning msg=\"sock closed\"",
                "this is not a log line",
                routerLine("10:14:59.999999", "GET", "/faq/", 200),
                "");

        RouterTraffic traffic = heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500);

        assertThat(traffic.requests()).isEqualTo(5);
        assertThat(traffic.serverErrors()).isEqualTo(2);
        assertThat(traffic.from()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(traffic.to()).isEqualTo(NOW);
        assertThat(traffic.linesRead()).isEqualTo(9);
        assertThat(traffic.complete()).isTrue();
        assertThat(traffic.summary()).isEqualTo("5 requests in the last 15 min (2 answered 5xx)");
    }

    @Test
    void routerTraffic_isAtLeast_whenAFullSessionDoesNotReachBackToTheWindowsStart() {
        logSessionOpens();
        logplexAnswers(
                routerLine("10:02:11.500000", "GET", "/", 200),
                routerLine("10:06:40.000000", "GET", "/apply/", 502),
                routerLine("10:09:00.000000", "GET", "/faq/", 200),
                routerLine("10:12:30.000000", "GET", "/", 200));

        RouterTraffic traffic = heroku.routerTraffic(APP, FIFTEEN_MINUTES, 4);

        assertThat(traffic.complete()).isFalse();
        assertThat(traffic.reachesBackTo()).isEqualTo(Instant.parse("2026-11-25T10:02:11.500Z"));
        assertThat(traffic.summary()).isEqualTo("at least 4 requests in the last 15 min (1 answered 5xx):"
                + " the log session's 4 lines reach back only to 10:02:11 UTC");
        verify(postRequestedFor(urlPathEqualTo(LOG_SESSIONS)).withRequestBody(equalToJson("""
                {"dyno": "router", "source": "heroku", "lines": 4, "tail": false}""")));
    }

    @Test
    void routerTraffic_isComplete_whenAFullSessionReachesBackBeforeTheWindow() {
        logSessionOpens();
        logplexAnswers(
                routerLine("09:59:59.000000", "GET", "/", 200),
                routerLine("10:10:00.000000", "GET", "/apply/", 200),
                routerLine("10:12:00.000000", "GET", "/faq/", 200));

        RouterTraffic traffic = heroku.routerTraffic(APP, FIFTEEN_MINUTES, 3);

        assertThat(traffic.complete()).isTrue();
        assertThat(traffic.requests()).isEqualTo(2);
        assertThat(traffic.summary()).isEqualTo("2 requests in the last 15 min");
    }

    @Test
    void routerTraffic_findsNone_whenTheRouterLoggedNothing() {
        logSessionOpens();
        logplexAnswers();

        RouterTraffic traffic = heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500);

        assertThat(traffic.requests()).isZero();
        assertThat(traffic.linesRead()).isZero();
        assertThat(traffic.complete()).isTrue();
        assertThat(traffic.summary()).isEqualTo("0 requests in the last 15 min");
    }

    @Test
    void routerTraffic_failsForGoodNamingTheApp_whenHerokuHasNoSuchApp() {
        stubFor(post(LOG_SESSIONS).willReturn(herokuJson(404, """
                {"id": "not_found", "message": "Couldn't find that app.", "resource": "app"}""")));

        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Checking the router traffic of Heroku app 'clearmyrecord'")
                .hasMessageContaining("Heroku has no app named 'clearmyrecord'")
                .hasMessageContaining("404 Not Found not_found");
        verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void routerTraffic_failsForGoodWithoutTheToken_whenTheTokenMayNotReadTheAppsLogs() {
        stubFor(post(LOG_SESSIONS).willReturn(herokuJson(403, """
                {"id": "forbidden", "message": "You do not have access to the app clearmyrecord."}""")));

        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("the Heroku token may not do this to app 'clearmyrecord' (403 Forbidden forbidden")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void routerTraffic_failsForGood_whenTheTokenIsRejected() {
        stubFor(post(LOG_SESSIONS).willReturn(herokuJson(401, """
                {"id": "unauthorized", "message": "Invalid credentials provided."}""")));

        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku rejected the token (401 Unauthorized unauthorized")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void routerTraffic_failsForARetryWithoutTheSignedUrl_whenTheLogSessionRefuses() {
        logSessionOpens();
        stubFor(get(urlPathEqualTo(SESSION)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/plain")
                .withBody("signature expired for " + SESSION + SESSION_QUERY)));

        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500))
                .isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("the log session answered 403 Forbidden instead of its lines")
                .hasMessageNotContaining(SESSION)
                .hasMessageNotContaining(SIGNATURE)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void routerTraffic_failsForARetryWithoutTheSignedUrl_whenTheLogSessionDropsTheConnection() {
        logSessionOpens();
        stubFor(get(urlPathEqualTo(SESSION)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500))
                .isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("the log session did not answer or broke off")
                .hasMessageNotContaining(SESSION)
                .hasMessageNotContaining(SIGNATURE)
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void routerTraffic_failsForARetry_whenHerokuOpensNoSession() {
        stubFor(post(LOG_SESSIONS).willReturn(herokuJson(201, """
                {"id": "9d3f6a2e-1c4b-4e8f-a7d0-5b2c8e1f4a39", "created_at": "2026-11-25T10:15:00Z"}""")));

        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1500))
                .isInstanceOf(HerokuUnavailableException.class)
                .hasMessageContaining("without a usable logplex_url");
        verify(0, getRequestedFor(anyUrl()));
    }

    @Test
    void routerTraffic_asksForNoMoreThanALogSessionGives() {
        assertThatThrownBy(() -> heroku.routerTraffic(APP, FIFTEEN_MINUTES, 1501))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 1500 lines");
        verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aLogSessionWithholdsItsSignedUrl_whenShown() {
        HerokuAdapter.LogSession session = new HerokuAdapter.LogSession(logplexUrl);

        assertThat(session.toString()).doesNotContain(SIGNATURE).doesNotContain(SESSION);
    }

    private void logSessionOpens() {
        stubFor(post(LOG_SESSIONS).willReturn(herokuJson(201, """
                {
                  "created_at": "2026-11-25T10:15:00Z",
                  "id": "9d3f6a2e-1c4b-4e8f-a7d0-5b2c8e1f4a39",
                  "logplex_url": "%s",
                  "updated_at": "2026-11-25T10:15:00Z"
                }""".formatted(logplexUrl))));
    }

    private static void logplexAnswers(String... lines) {
        stubFor(get(urlPathEqualTo(SESSION)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(lines.length == 0 ? "" : String.join("\n", lines) + "\n")));
    }

    private static String routerLine(String time, String method, String path, int status) {
        return "2026-11-25T" + time + "+00:00 heroku[router]: at=info method=" + method + " path=\"" + path + "\""
                + " host=clearmyrecord.herokuapp.com request_id=5f1c2e3a-8b9d-4c7e-a1f0-2d3e4b5c6a7f"
                + " fwd=\"203.0.113.7\" dyno=web.1 connect=0ms service=12ms status=" + status + " bytes=1234"
                + " protocol=https";
    }

    private static ResponseDefinitionBuilder herokuJson(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "01234567-89ab-cdef-0123-456789abcdef")
                .withHeader("RateLimit-Remaining", "4487")
                .withBody(body);
    }
}
