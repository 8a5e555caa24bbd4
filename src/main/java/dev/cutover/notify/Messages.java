package dev.cutover.notify;

import dev.cutover.step.Redaction;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The words of a notification: the run (its business key), the phase, the task or step, the group,
 * and a link to Tasklist or Cockpit. The whole text passes through {@link Redaction}: an incident's
 * message quotes what an outside system said, which may hold a secret.
 */
@Component
public class Messages {

    static final String LEADS = "cutover-leads";

    private final String base;

    Messages(NotificationSettings settings, @Value("${server.port:8080}") int port) {
        URI links = settings.linksBaseUrl() == null ? URI.create("http://localhost:" + port) : settings.linksBaseUrl();
        this.base = links.toString().replaceAll("/+$", "");
    }

    public Message taskWaits(WaitingTask task) {
        String subject = "[cutover " + task.run() + "] " + task.taskName() + " waits for " + task.group();
        String text = """
                Run: %s (%s)
                Task: %s
                For: %s
                Open it in Tasklist: %s/camunda/app/tasklist/default/#/?task=%s
                """.formatted(task.run(), task.phase(), task.taskName(), task.group(), base, task.taskId());
        return new Message(task.group(), Redaction.redact(subject), Redaction.redact(text));
    }

    public Message incidentRaised(RaisedIncident incident) {
        String subject = "[cutover " + incident.run() + "] Incident at " + incident.stepName();
        String text = """
                Run: %s (%s)
                Step: %s
                Failed: %s
                For: %s
                Open it in Cockpit: %s/camunda/app/cockpit/default/#/process-instance/%s/runtime
                """.formatted(incident.run(), incident.phase(), incident.stepName(), incident.message(), LEADS,
                base, incident.processInstanceId());
        return new Message(LEADS, Redaction.redact(subject), Redaction.redact(text));
    }
}
