package dev.cutover.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who hears of a waiting task or an incident, and how ({@code cutover.notifications.*}): the
 * channel, each group's e-mail recipients, where the links in a message point, and how often the
 * engine's incidents are looked at. Secrets (Mailgun's key, Slack's webhook URL) are not here:
 * they come from the environment straight into the live adapter.
 */
@ConfigurationProperties("cutover.notifications")
public record NotificationSettings(
        @DefaultValue("none") Channel channel,
        @DefaultValue Map<String, List<String>> recipients,
        URI linksBaseUrl,
        @DefaultValue("PT5S") Duration incidentPoll,
        @DefaultValue Mailgun mailgun) {

    public enum Channel { MAILGUN, SLACK, NONE }

    /** The sending domain and sender of the notifications, and the account's region ({@code us}/{@code eu}). */
    public record Mailgun(String domain, String from, @DefaultValue("us") String region, URI baseUrl) {}

    /** The group's e-mail addresses, none when the plan names none. */
    List<String> recipientsOf(String group) {
        return recipients.getOrDefault(group, List.of());
    }
}
