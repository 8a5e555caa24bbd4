package dev.cutover.notify;

import dev.cutover.http.HttpApis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link Notifier} by e-mail, on Mailgun's send API: {@code POST /v3/{domain}/messages} with the
 * form fields {@code from}, {@code to} (one per recipient of the group), {@code subject} and
 * {@code text}, Basic {@code api:<key>}.
 */
class MailgunNotifier implements Notifier {

    static final URI US = URI.create("https://api.mailgun.net");
    static final URI EU = URI.create("https://api.eu.mailgun.net");

    private final RestClient mailgun;
    private final Messages messages;
    private final NotificationSettings settings;

    MailgunNotifier(RestClient mailgun, Messages messages, NotificationSettings settings) {
        this.mailgun = mailgun;
        this.messages = messages;
        this.settings = settings;
    }

    static MailgunNotifier create(URI baseUrl, String apiKey, Messages messages, NotificationSettings settings) {
        RestClient restClient = HttpApis.restClient(baseUrl)
                .defaultHeaders(headers -> {
                    headers.setBasicAuth("api", apiKey, StandardCharsets.UTF_8);
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                })
                .build();
        return new MailgunNotifier(restClient, messages, settings);
    }

    /** The API of the account's region: {@code us} or {@code eu}. */
    static URI baseUrlFor(String region) {
        return switch (region) {
            case "us" -> US;
            case "eu" -> EU;
            default -> throw new IllegalArgumentException(
                    "cutover.notifications.mailgun.region must be us or eu, was " + region);
        };
    }

    @Override
    public void tellGroupTaskWaits(WaitingTask task) {
        send(messages.taskWaits(task));
    }

    @Override
    public void tellLeadsIncidentRaised(RaisedIncident incident) {
        send(messages.incidentRaised(incident));
    }

    private void send(Message message) {
        List<String> to = settings.recipientsOf(message.group());
        if (to.isEmpty()) {
            throw new NotificationFailedException("No e-mail recipients for " + message.group()
                    + ": set cutover.notifications.recipients." + message.group());
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("from", settings.mailgun().from());
        to.forEach(address -> form.add("to", address));
        form.add("subject", message.subject());
        form.add("text", message.text());
        String doing = "Sending '" + message.subject() + "' to " + message.group() + " through Mailgun";
        try {
            mailgun.post().uri("/v3/{domain}/messages", settings.mailgun().domain())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new NotificationFailedException(doing + ": Mailgun answered "
                                    + response.getStatusCode().value());
                        }
                        return null;
                    });
        } catch (RestClientException e) {
            throw new NotificationFailedException(doing + ": Mailgun did not answer (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
