package dev.cutover.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class MailgunNotifierTest {

    private static final String API_KEY = "key-7c2e9a41d0b35f68e1c4a9d2b7f03e65";
    private static final String MESSAGES = "/v3/mg.clearmyrecord.org/messages";
    private static final NotificationSettings SETTINGS = new NotificationSettings(NotificationSettings.Channel.MAILGUN,
            Map.of("cutover-operators", List.of("ana@clearmyrecord.org", "ben@clearmyrecord.org"),
                    "cutover-leads", List.of("lead@clearmyrecord.org")),
            URI.create("https://cutover.clearmyrecord.org"), java.time.Duration.ofSeconds(5),
            new NotificationSettings.Mailgun("mg.clearmyrecord.org", "Cutover <cutover@mg.clearmyrecord.org>", "us",
                    null));

    private Notifier mailgun;

    @BeforeEach
    void connectToMailgun(WireMockRuntimeInfo api) {
        mailgun = MailgunNotifier.create(URI.create(api.getHttpBaseUrl()), API_KEY, new Messages(SETTINGS, 8080),
                SETTINGS);
    }

    @Test
    void aWaitingTaskIsOneMessageToEveryRecipientOfItsGroup() {
        stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(okJson("""
                {"id": "<20261204164501.1.ABC@mg.clearmyrecord.org>", "message": "Queued. Thank you."}""")));

        mailgun.tellGroupTaskWaits(new WaitingTask("launch-1", "day-1", "7f3c", "UAT on the new site",
                "cutover-operators"));

        LoggedRequest sent = onlySent();
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.contentTypeHeader().mimeTypePart()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(sent.formParameter("from").values()).containsExactly("Cutover <cutover@mg.clearmyrecord.org>");
        assertThat(sent.formParameter("to").values()).containsExactly("ana@clearmyrecord.org", "ben@clearmyrecord.org");
        assertThat(sent.formParameter("subject").values())
                .containsExactly("[cutover launch-1] UAT on the new site waits for cutover-operators");
        assertThat(sent.formParameter("text").firstValue()).contains("Run: launch-1 (day-1)")
                .contains("Task: UAT on the new site").contains("For: cutover-operators")
                .contains("https://cutover.clearmyrecord.org/camunda/app/tasklist/default/#/?task=7f3c");
    }

    @Test
    void anIncidentGoesToTheLeadsWithCockpitsLinkAndNoSecret() {
        stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(okJson("{\"message\": \"Queued. Thank you.\"}")));

        mailgun.tellLeadsIncidentRaised(new RaisedIncident("i-1", "launch-1", "day-0", "pi-9", "Check the snapshot",
                "RDS refused: password=Sup3rS3cret! rejected"));

        LoggedRequest sent = onlySent();
        assertThat(sent.formParameter("to").values()).containsExactly("lead@clearmyrecord.org");
        assertThat(sent.formParameter("subject").firstValue()).isEqualTo("[cutover launch-1] Incident at Check the snapshot");
        assertThat(sent.formParameter("text").firstValue()).contains("Step: Check the snapshot")
                .contains("/camunda/app/cockpit/default/#/process-instance/pi-9/runtime")
                .contains("password=•••").doesNotContain("Sup3rS3cret!");
    }

    @Test
    void aRefusedKeyIsAFailureNamingMailgunsAnswer() {
        stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(401).withBody("Forbidden")));

        assertThatThrownBy(() -> mailgun.tellGroupTaskWaits(new WaitingTask("launch-1", "day-1", "7f3c",
                "UAT on the new site", "cutover-operators")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("through Mailgun: Mailgun answered 401")
                .hasMessageNotContaining(API_KEY);
    }

    @Test
    void aGroupWithoutRecipientsSendsNothingAndSaysWhichSettingIsMissing() {
        NotificationSettings noLeads = new NotificationSettings(SETTINGS.channel(),
                Map.of("cutover-operators", List.of("ana@clearmyrecord.org")), null, SETTINGS.incidentPoll(),
                SETTINGS.mailgun());
        Notifier notifier = MailgunNotifier.create(URI.create("http://127.0.0.1:9"), API_KEY,
                new Messages(noLeads, 8080), noLeads);

        assertThatThrownBy(() -> notifier.tellLeadsIncidentRaised(new RaisedIncident("i-1", "launch-1", "day-0",
                "pi-9", "Check the snapshot", "failed")))
                .hasMessageContaining("cutover.notifications.recipients.cutover-leads");
    }

    private static LoggedRequest onlySent() {
        List<LoggedRequest> sent = findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }
}
