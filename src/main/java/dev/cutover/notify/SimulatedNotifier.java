package dev.cutover.notify;

import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of the notification channel: each message goes into the world's
 * {@code notifications} as it would have been sent (channel, group, recipients, subject, text).
 * The fault {@code notifications.outage} fails the next one as a channel that does not answer;
 * it is kept too, marked failed.
 */
@Component
@Profile("rehearsal")
class SimulatedNotifier implements Notifier, WorldPart {

    static final String SYSTEM = "notifications";
    private static final int KEPT = 200;

    private final WorldStore world;
    private final Faults faults;
    private final Messages messages;
    private final NotificationSettings settings;
    private final Clock clock;

    SimulatedNotifier(WorldStore world, Faults faults, Messages messages, NotificationSettings settings, Clock clock) {
        this.world = world;
        this.faults = faults;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
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
        boolean fails = faults.trip("notifications.outage");
        world.change(SYSTEM, Sent.class, Sent::new, sent -> {
            sent.messages.add(new SentMessage(clock.instant(), settings.channel().name().toLowerCase(),
                    message.group(), settings.recipientsOf(message.group()), message.subject(), message.text(),
                    fails ? "failed" : "sent"));
            // the latest ones are what a rehearsal looks at
            while (sent.messages.size() > KEPT) {
                sent.messages.remove(0);
            }
            return null;
        });
        if (fails) {
            throw new SimulatedOutage("The notification channel did not answer"
                    + " (fault injected by the rehearsal: notifications.outage)");
        }
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        return world.read(SYSTEM, Sent.class, Sent::new).messages;
    }

    static class Sent {
        List<SentMessage> messages = new ArrayList<>();
    }

    static class SentMessage {
        Instant at;
        String channel;
        String group;
        List<String> to = new ArrayList<>();
        String subject;
        String text;
        String status;

        SentMessage() {}

        SentMessage(Instant at, String channel, String group, List<String> to, String subject, String text,
                String status) {
            this.at = at;
            this.channel = channel;
            this.group = group;
            this.to = new ArrayList<>(to);
            this.subject = subject;
            this.text = text;
            this.status = status;
        }
    }
}
