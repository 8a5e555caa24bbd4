package dev.cutover.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class SlackNotifierTest {

    private static final String HOOK = "/services/T0CUTOVER/B0NOTIFY/q8Zr3sXwPz1Lk0mN7vB2cD4e";
    private static final NotificationSettings SETTINGS = new NotificationSettings(NotificationSettings.Channel.SLACK,
            Map.of(), URI.create("https://cutover.clearmyrecord.org"), Duration.ofSeconds(5),
            new NotificationSettings.Mailgun(null, null, "us", null));

    private Notifier slack;

    @BeforeEach
    void connectToSlack(WireMockRuntimeInfo slackServer) {
        slack = LiveNotifiers.slack(new Messages(SETTINGS, 8080), slackServer.getHttpBaseUrl() + HOOK);
    }

    @Test
    void aWaitingTaskIsPostedAsJsonTextToTheWebhook() throws Exception {
        stubFor(post(urlPathEqualTo(HOOK)).willReturn(ok("ok")));

        slack.tellGroupTaskWaits(new WaitingTask("launch-1", "day-1", "4411", "The site is late at www: wait or roll back?",
                "cutover-leads"));

        List<LoggedRequest> posted = findAll(postRequestedFor(urlPathEqualTo(HOOK)));
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).contentTypeHeader().mimeTypePart()).isEqualTo("application/json");
        JsonNode body = new ObjectMapper().readTree(posted.get(0).getBodyAsString());
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("text");
        assertThat(body.path("text").asText())
                .startsWith("*[cutover launch-1] The site is late at www: wait or roll back? waits for cutover-leads*\n")
                .contains("Run: launch-1 (day-1)")
                .contains("https://cutover.clearmyrecord.org/camunda/app/tasklist/default/#/?task=4411");
    }

    @Test
    void aRefusalNamesSlacksAnswerButNeverTheWebhooksUrl() {
        stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(404).withBody("no_service")));

        assertThatThrownBy(() -> slack.tellLeadsIncidentRaised(new RaisedIncident("i-1", "launch-1", "day-0", "pi-9",
                "Check the snapshot", "failed")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("Slack answered 404 no_service")
                .hasMessageNotContaining("q8Zr3sXwPz1Lk0mN7vB2cD4e");
    }

    @Test
    void aSlackThatDoesNotAnswerIsAFailureThatNeverQuotesTheUrl() {
        Notifier unreachable = LiveNotifiers.slack(new Messages(SETTINGS, 8080), "http://127.0.0.1:9" + HOOK);

        assertThatThrownBy(() -> unreachable.tellGroupTaskWaits(new WaitingTask("launch-1", "day-1", "1", "UAT",
                "cutover-operators")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("Slack did not answer")
                .hasMessageNotContaining("q8Zr3sXwPz1Lk0mN7vB2cD4e");
    }

    @Test
    void aWebhookThatIsNotAUrlIsRefusedAtStartWithoutQuotingIt() {
        assertThatThrownBy(() -> LiveNotifiers.slack(new Messages(SETTINGS, 8080), "hooks.slack.com/q8Zr3sXwPz1Lk0m"))
                .hasMessageContaining("CUTOVER_SLACK_WEBHOOK_URL must be an https URL")
                .hasMessageNotContaining("q8Zr3sXwPz1Lk0m");
    }
}
