package dev.cutover.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code cutover.notifications.channel: none}: the log alone says who is needed. */
class SilentNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger(SilentNotifier.class);

    @Override
    public void tellGroupTaskWaits(WaitingTask task) {
        log.info("Run {}: '{}' waits for {} (notifications are off)", task.run(), task.taskName(), task.group());
    }

    @Override
    public void tellLeadsIncidentRaised(RaisedIncident incident) {
        log.info("Run {}: an incident at '{}' (notifications are off)", incident.run(), incident.stepName());
    }
}
