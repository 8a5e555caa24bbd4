package dev.cutover.notify;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The live {@link Notifier} of {@code cutover.notifications.channel}, refused at start when half configured. */
@Configuration
@Profile("live")
class LiveNotifiers {

    private static final Logger log = LoggerFactory.getLogger(LiveNotifiers.class);

    @Bean
    Notifier notifier(NotificationSettings settings, Messages messages,
            @Value("${cutover.notifications.mailgun.api-key:}") String mailgunKey,
            @Value("${cutover.notifications.slack.webhook-url:}") String slackWebhook) {
        return switch (settings.channel()) {
            case MAILGUN -> mailgun(settings, messages, mailgunKey);
            case SLACK -> slack(messages, slackWebhook);
            case NONE -> {
                log.info("Notifications are off (cutover.notifications.channel: none): only the log tells of"
                        + " waiting tasks and incidents");
                yield new SilentNotifier();
            }
        };
    }

    static Notifier mailgun(NotificationSettings settings, Messages messages, String apiKey) {
        NotificationSettings.Mailgun mailgun = settings.mailgun();
        if (apiKey.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_NOTIFY_MAILGUN_API_KEY (or CUTOVER_MAILGUN_API_KEY) to a key"
                    + " that may send from the notifications' Mailgun domain");
        }
        if (isBlank(mailgun.domain()) || isBlank(mailgun.from())) {
            throw new IllegalStateException("Set cutover.notifications.mailgun.domain and .from: the Mailgun domain"
                    + " the notifications are sent from, and their sender");
        }
        for (String group : List.of("cutover-operators", "cutover-leads")) {
            if (settings.recipientsOf(group).isEmpty()) {
                throw new IllegalStateException("Set cutover.notifications.recipients." + group
                        + ": the e-mail addresses told when a task waits for " + group);
            }
        }
        URI api = mailgun.baseUrl() == null ? MailgunNotifier.baseUrlFor(mailgun.region()) : mailgun.baseUrl();
        return MailgunNotifier.create(api, apiKey, messages, settings);
    }

    static Notifier slack(Messages messages, String webhook) {
        if (webhook.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_SLACK_WEBHOOK_URL to the Slack channel's incoming webhook");
        }
        URI url;
        try {
            url = URI.create(webhook.strip());
        } catch (IllegalArgumentException e) {
            // the URL is the secret: say what is wrong without quoting it
            throw new IllegalStateException("CUTOVER_SLACK_WEBHOOK_URL is not a URL");
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getRawAuthority() == null) {
            throw new IllegalStateException("CUTOVER_SLACK_WEBHOOK_URL must be an https URL"
                    + " (https://hooks.slack.com/services/…)");
        }
        return new SlackNotifier(url, messages);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
