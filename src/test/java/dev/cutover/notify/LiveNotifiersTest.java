package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveNotifiersTest {

    private static final NotificationSettings.Mailgun SENDER =
            new NotificationSettings.Mailgun("mg.clearmyrecord.org", "Cutover <cutover@mg.clearmyrecord.org>", "us", null);

    @Test
    void mailgunWithoutAKeyRefusesToStartAndNamesTheVariable() {
        NotificationSettings settings = settings(Map.of("cutover-operators", List.of("ana@clearmyrecord.org"),
                "cutover-leads", List.of("lead@clearmyrecord.org")));

        assertThatThrownBy(() -> LiveNotifiers.mailgun(settings, new Messages(settings, 8080), " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUTOVER_NOTIFY_MAILGUN_API_KEY");
    }

    @Test
    void mailgunWithoutTheLeadsRecipientsRefusesToStartAndNamesTheSetting() {
        NotificationSettings settings = settings(Map.of("cutover-operators", List.of("ana@clearmyrecord.org")));

        assertThatThrownBy(() -> LiveNotifiers.mailgun(settings, new Messages(settings, 8080), "key-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cutover.notifications.recipients.cutover-leads");
    }

    @Test
    void slackWithoutAWebhookRefusesToStartAndNamesTheVariable() {
        NotificationSettings settings = settings(Map.of());

        assertThatThrownBy(() -> LiveNotifiers.slack(new Messages(settings, 8080), ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUTOVER_SLACK_WEBHOOK_URL");
    }

    private static NotificationSettings settings(Map<String, List<String>> recipients) {
        return new NotificationSettings(NotificationSettings.Channel.MAILGUN, recipients, null, Duration.ofSeconds(5),
                SENDER);
    }
}
