package dev.cutover.notify;

import dev.cutover.http.HttpApis;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@link Notifier} into a Slack channel, through an incoming webhook: {@code POST <webhook URL>}
 * with the JSON {@code {"text": …}}. The webhook's URL is its secret: no message of this class
 * names it, so a failure never quotes the URL (Spring's own I/O messages would).
 */
class SlackNotifier implements Notifier {

    private final RestClient slack;
    private final URI webhook;
    private final Messages messages;

    SlackNotifier(URI webhook, Messages messages) {
        this.slack = HttpApis.restClient(URI.create(webhook.getScheme() + "://" + webhook.getRawAuthority())).build();
        this.webhook = webhook;
        this.messages = messages;
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
        String doing = "Posting '" + message.subject() + "' to Slack";
        try {
            slack.post().uri(webhook)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("text", "*" + message.subject() + "*\n" + message.text()))
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            // Slack's answer is a short code (no_service, invalid_payload), never the URL
                            String said = new String(response.getBody().readNBytes(200)).strip();
                            throw new NotificationFailedException(doing + ": Slack answered "
                                    + response.getStatusCode().value() + (said.isEmpty() ? "" : " " + said));
                        }
                        return null;
                    });
        } catch (RestClientException e) {
            throw new NotificationFailedException(doing + ": Slack did not answer (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
