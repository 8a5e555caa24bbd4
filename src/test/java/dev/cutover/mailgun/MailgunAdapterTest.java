package dev.cutover.mailgun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.mailgun.MailgunChange.Moved;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class MailgunAdapterTest {

    private static final String API_KEY = "3c1d6f0e2b9a8c7d5e4f3a2b1c0d9e8f-2b4c6d8e-1a3b5c7d";
    private static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
    private static final String DOMAIN = "mg.clearmyrecord.org";
    private static final String HEROKU = "https://clearmyrecord.codeforamerica.org";
    private static final String LAMBDA = "https://www.clearmyrecord.org";
    private static final String ROUTES = "/v3/routes";
    private static final String WEBHOOKS = "/v3/domains/mg.clearmyrecord.org/webhooks";

    private static final String APPLY_ID = "5e7c1a2b9f0d4c3a8b6e1f20";
    private static final String REPLIES_ID = "5e7c1a6d3b8e2f1c9a4d7e31";
    private static final String OTHER_APP_ID = "5d2f9e0a7c6b5a4f3e2d1c09";

    private MailgunAdapter mailgun;

    @BeforeEach
    void connectToMailgun(WireMockRuntimeInfo api) {
        mailgun = MailgunAdapter.create(URI.create(api.getHttpBaseUrl()), API_KEY);
        stubFor(put(urlPathMatching("/v3/routes/[0-9a-f]+")).willReturn(okJson("""
                {"message": "Route has been updated", "id": "%s", "priority": 0, "description": "",
                 "expression": "catch_all()", "actions": [], "created_at": "Tue, 14 Jan 2020 18:20:41 GMT"}"""
                .formatted(APPLY_ID))));
        stubFor(put(urlPathMatching(WEBHOOKS + "/[a-z_]+")).willReturn(okJson("""
                {"message": "Webhook has been updated", "webhook": {"urls": []}}""")));
    }

    @Test
    void movesTheForwardOfTheAppsRoute_keepingItsPriorityExpressionAndOtherActionsInOrder() {
        givenRoutes(0, 3, applyRoute(HEROKU), repliesRoute(HEROKU), otherAppRoute());
        givenWebhooks("{}");

        mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        LoggedRequest put = onlyPutTo(ROUTES + "/" + APPLY_ID);
        assertThat(put.getHeader("Authorization")).isEqualTo(BASIC);
        assertThat(put.contentTypeHeader().mimeTypePart()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(put.formParameter("priority").values()).containsExactly("0");
        assertThat(put.formParameter("description").values()).containsExactly("clearmyrecord: applications by email");
        assertThat(put.formParameter("expression").values())
                .containsExactly("match_recipient(\"apply@mg.clearmyrecord.org\")");
        assertThat(put.formParameter("action").values()).containsExactly(
                "forward(\"https://www.clearmyrecord.org/mailgun/inbound/?source=mailgun\")",
                "store(notify=\"https://www.clearmyrecord.org/mailgun/stored/\")",
                "stop()");
    }

    @Test
    void aForwardToAMailboxStaysBesideTheMovedOne() {
        givenRoutes(0, 3, applyRoute(HEROKU), repliesRoute(HEROKU), otherAppRoute());
        givenWebhooks("{}");

        mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        LoggedRequest put = onlyPutTo(ROUTES + "/" + REPLIES_ID);
        assertThat(put.formParameter("priority").values()).containsExactly("1");
        assertThat(put.formParameter("action").values()).containsExactly(
                "forward(\"https://www.clearmyrecord.org/mailgun/replies/\")",
                "forward(\"clearmyrecord-team@codeforamerica.org\")",
                "stop()");
    }

    @Test
    void neverTouchesTheRouteOfAnotherApp() {
        givenRoutes(0, 3, applyRoute(HEROKU), repliesRoute(HEROKU), otherAppRoute());
        givenWebhooks("{}");

        mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        verify(0, putRequestedFor(urlPathEqualTo(ROUTES + "/" + OTHER_APP_ID)));
        verify(2, putRequestedFor(urlPathMatching(ROUTES + "/.*")));
    }

    @Test
    void putsEachWebhookWithItsFullUrlList_movingOnlyTheHerokuUrls() {
        givenRoutes(0, 1, otherAppRoute());
        givenWebhooks("""
                {
                  "delivered": {"urls": ["https://clearmyrecord.codeforamerica.org/mailgun/events/",
                                         "https://hooks.zapier.com/hooks/catch/1234567/abcdef/"]},
                  "permanent_fail": {"urls": ["https://clearmyrecord.codeforamerica.org/mailgun/events/"]},
                  "complained": {"urls": ["https://clearmyrecord.codeforamerica.org/mailgun/events/"]},
                  "opened": {"urls": ["https://hooks.zapier.com/hooks/catch/1234567/abcdef/"]}
                }""");

        Ensured<MailgunChange> result = mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        LoggedRequest delivered = onlyPutTo(WEBHOOKS + "/delivered");
        assertThat(delivered.getHeader("Authorization")).isEqualTo(BASIC);
        assertThat(delivered.formParameter("url").values()).containsExactly(
                "https://www.clearmyrecord.org/mailgun/events/",
                "https://hooks.zapier.com/hooks/catch/1234567/abcdef/");
        assertThat(onlyPutTo(WEBHOOKS + "/permanent_fail").formParameter("url").values())
                .containsExactly("https://www.clearmyrecord.org/mailgun/events/");
        assertThat(onlyPutTo(WEBHOOKS + "/complained").formParameter("url").values())
                .containsExactly("https://www.clearmyrecord.org/mailgun/events/");
        verify(0, putRequestedFor(urlPathEqualTo(WEBHOOKS + "/opened")));
        assertThat(result.value().webhooks()).extracting(Moved::id)
                .containsExactly("delivered", "permanent_fail", "complained");
    }

    @Test
    void reportsTheBeforeAndAfterOfEverythingMoved() {
        givenRoutes(0, 3, applyRoute(HEROKU), repliesRoute(HEROKU), otherAppRoute());
        givenWebhooks("""
                {"delivered": {"urls": ["https://clearmyrecord.codeforamerica.org/mailgun/events/"]}}""");

        Ensured<MailgunChange> result = mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value().routes()).containsExactly(
                new Moved(APPLY_ID, HEROKU + "/mailgun/inbound/?source=mailgun",
                        LAMBDA + "/mailgun/inbound/?source=mailgun"),
                new Moved(APPLY_ID, HEROKU + "/mailgun/stored/", LAMBDA + "/mailgun/stored/"),
                new Moved(REPLIES_ID, HEROKU + "/mailgun/replies/", LAMBDA + "/mailgun/replies/"));
        assertThat(result.value().webhooks()).containsExactly(
                new Moved("delivered", HEROKU + "/mailgun/events/", LAMBDA + "/mailgun/events/"));
    }

    @Test
    void isAlreadyDoneWithoutAnyPut_whenEverythingPointsAtTheNewBase() {
        givenRoutes(0, 3, applyRoute(LAMBDA), repliesRoute(LAMBDA), otherAppRoute());
        givenWebhooks("""
                {"delivered": {"urls": ["https://www.clearmyrecord.org/mailgun/events/"]},
                 "complained": {"urls": ["https://www.clearmyrecord.org/mailgun/events/"]}}""");

        Ensured<MailgunChange> result = mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().isEmpty()).isTrue();
        verify(0, putRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void readsEveryPageOfRoutes() {
        List<String> firstPage = IntStream.range(0, 100)
                .mapToObj(i -> route("6a%022d".formatted(i), 10, "getcalfresh: county " + i,
                        "match_recipient(\"county-" + i + "@mg.getcalfresh.org\")",
                        "forward(\"https://www.getcalfresh.org/mailgun/county/" + i + "/\")"))
                .toList();
        givenRoutes(0, 101, firstPage.toArray(String[]::new));
        givenRoutes(100, 101, applyRoute(HEROKU));
        givenWebhooks("{}");

        Ensured<MailgunChange> result = mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        verify(getRequestedFor(urlPathEqualTo(ROUTES))
                .withQueryParam("skip", equalTo("0")).withQueryParam("limit", equalTo("100")));
        verify(getRequestedFor(urlPathEqualTo(ROUTES))
                .withQueryParam("skip", equalTo("100")).withQueryParam("limit", equalTo("100")));
        assertThat(result.value().routes()).extracting(Moved::id).containsExactly(APPLY_ID, APPLY_ID);
        verify(1, putRequestedFor(urlPathMatching(ROUTES + "/.*")));
        verify(putRequestedFor(urlPathEqualTo(ROUTES + "/" + APPLY_ID)));
    }

    @Test
    void readsTheOlderSingleUrlWebhookShape() {
        givenRoutes(0, 0);
        givenWebhooks("""
                {"bounce": {"url": "https://clearmyrecord.codeforamerica.org/mailgun/events/"},
                 "deliver": {"url": "https://clearmyrecord.codeforamerica.org/mailgun/events/"},
                 "click": {"url": "https://analytics.codeforamerica.org/mailgun/clicks"}}""");

        Ensured<MailgunChange> result = mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA);

        assertThat(onlyPutTo(WEBHOOKS + "/bounce").formParameter("url").values())
                .containsExactly("https://www.clearmyrecord.org/mailgun/events/");
        assertThat(onlyPutTo(WEBHOOKS + "/deliver").formParameter("url").values())
                .containsExactly("https://www.clearmyrecord.org/mailgun/events/");
        verify(0, putRequestedFor(urlPathEqualTo(WEBHOOKS + "/click")));
        assertThat(result.value().webhooks()).extracting(Moved::id).containsExactly("bounce", "deliver");
    }

    @Test
    void movesBackToHeroku_withTheBasesSwapped() {
        givenRoutes(0, 2, applyRoute(LAMBDA), otherAppRoute());
        givenWebhooks("""
                {"delivered": {"urls": ["https://www.clearmyrecord.org/mailgun/events/"]}}""");

        Ensured<MailgunChange> result = mailgun.moveEndpoints(DOMAIN, LAMBDA, HEROKU);

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(onlyPutTo(ROUTES + "/" + APPLY_ID).formParameter("action").values()).first()
                .isEqualTo("forward(\"https://clearmyrecord.codeforamerica.org/mailgun/inbound/?source=mailgun\")");
        assertThat(onlyPutTo(WEBHOOKS + "/delivered").formParameter("url").values())
                .containsExactly("https://clearmyrecord.codeforamerica.org/mailgun/events/");
    }

    @Test
    void saysTheApiKeyIsRejected_withoutShowingIt() {
        stubFor(get(urlPathEqualTo(WEBHOOKS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withHeader("WWW-Authenticate", "Basic realm=\"MG API\"")
                .withBody("Forbidden")));

        assertThatThrownBy(() -> mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Mailgun rejected the API key (401 Unauthorized: Forbidden)")
                .hasMessageNotContaining(API_KEY)
                .hasMessageNotContaining(BASIC.substring("Basic ".length()));
        verify(getRequestedFor(urlPathEqualTo(WEBHOOKS)).withHeader("Authorization", equalTo(BASIC)));
        verify(0, putRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void failsNamingTheDomain_beforeChangingAnyRoute_whenMailgunHasNoSuchDomain() {
        givenRoutes(0, 1, applyRoute(HEROKU));
        stubFor(get(urlPathEqualTo("/v3/domains/mg.clearmyrecrod.org/webhooks"))
                .willReturn(jsonResponse("""
                        {"message": "Domain not found"}""", 404)));

        assertThatThrownBy(() -> mailgun.moveEndpoints("mg.clearmyrecrod.org", HEROKU, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Mailgun has no domain mg.clearmyrecrod.org")
                .hasMessageContaining("404 Not Found: Domain not found");
        verify(0, putRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void failsForARetry_whenMailgunIsRateLimiting() {
        givenWebhooks("{}");
        stubFor(get(urlPathEqualTo(ROUTES)).willReturn(jsonResponse("""
                {"message": "Too many requests"}""", 429).withHeader("Retry-After", "10")));

        assertThatThrownBy(() -> mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA))
                .isInstanceOf(MailgunUnavailableException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("Listing Mailgun routes from 0: Mailgun is rate limiting")
                .hasMessageContaining("429 Too Many Requests: Too many requests");
    }

    @Test
    void failsForARetry_whenMailgunFailsOnItsSide() {
        givenRoutes(0, 1, applyRoute(HEROKU));
        givenWebhooks("{}");
        stubFor(put(urlPathEqualTo(ROUTES + "/" + APPLY_ID)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>503 Service Unavailable</h1></body></html>")));

        assertThatThrownBy(() -> mailgun.moveEndpoints(DOMAIN, HEROKU, LAMBDA))
                .isInstanceOf(MailgunUnavailableException.class)
                .hasMessageContaining("Updating Mailgun route " + APPLY_ID)
                .hasMessageContaining("Mailgun answered 503 Service Unavailable");
    }

    @Test
    void talksToTheApiOfTheAccountsRegion() {
        assertThat(MailgunAdapter.baseUrlFor("us")).isEqualTo(URI.create("https://api.mailgun.net"));
        assertThat(MailgunAdapter.baseUrlFor("eu")).isEqualTo(URI.create("https://api.eu.mailgun.net"));
    }

    private static LoggedRequest onlyPutTo(String path) {
        List<LoggedRequest> puts = findAll(putRequestedFor(urlPathEqualTo(path)));
        assertThat(puts).as("PUTs to %s", path).hasSize(1);
        return puts.get(0);
    }

    private static void givenRoutes(int skip, int totalCount, String... items) {
        stubFor(get(urlPathEqualTo(ROUTES))
                .withQueryParam("skip", equalTo(String.valueOf(skip)))
                .withQueryParam("limit", equalTo("100"))
                .willReturn(okJson("""
                        {"total_count": %d, "items": [%s]}""".formatted(totalCount, String.join(",\n", items)))));
    }

    private static void givenWebhooks(String webhooks) {
        stubFor(get(urlPathEqualTo(WEBHOOKS)).willReturn(okJson("""
                {"webhooks": %s}""".formatted(webhooks))));
    }

    private static String applyRoute(String base) {
        return route(APPLY_ID, 0, "clearmyrecord: applications by email",
                "match_recipient(\"apply@mg.clearmyrecord.org\")",
                "forward(\"" + base + "/mailgun/inbound/?source=mailgun\")",
                "store(notify=\"" + base + "/mailgun/stored/\")",
                "stop()");
    }

    private static String repliesRoute(String base) {
        return route(REPLIES_ID, 1, "clearmyrecord: replies to staff",
                "match_recipient(\".*@mg.clearmyrecord.org\")",
                "forward(\"" + base + "/mailgun/replies/\")",
                "forward(\"clearmyrecord-team@codeforamerica.org\")",
                "stop()");
    }

    private static String otherAppRoute() {
        return route(OTHER_APP_ID, 5, "GetCalFresh: inbound documents",
                "match_recipient(\"documents@mg.getcalfresh.org\")",
                "forward(\"https://www.getcalfresh.org/mailgun/documents/\")",
                "stop()");
    }

    private static String route(String id, int priority, String description, String expression, String... actions) {
        List<String> quoted = new ArrayList<>();
        for (String action : actions) {
            quoted.add(json(action));
        }
        return """
                {
                  "actions": [%s],
                  "created_at": "Tue, 14 Jan 2020 18:20:41 GMT",
                  "description": %s,
                  "expression": %s,
                  "id": "%s",
                  "priority": %d
                }""".formatted(String.join(", ", quoted), json(description), json(expression), id, priority);
    }

    private static String json(String text) {
        return text.chars()
                .mapToObj(c -> c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.valueOf((char) c))
                .collect(Collectors.joining("", "\"", "\""));
    }
}
