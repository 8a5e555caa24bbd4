package dev.cutover.notify;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands notifications to the {@link Notifier} on a thread of their own, in order, once each: a
 * slow channel never holds up a job or a person's request, and a failing one is logged (and, in
 * rehearsal, kept in the world as failed), never retried and never a failure of the run.
 */
@Component
class Delivery {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    private static final int QUEUED_AT_MOST = 500;

    private final Notifier notifier;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_AT_MOST), runnable -> {
                Thread thread = new Thread(runnable, "cutover-notify");
                thread.setDaemon(true);
                return thread;
            });

    Delivery(Notifier notifier) {
        this.notifier = notifier;
    }

    void taskWaits(WaitingTask task) {
        deliver("'" + task.taskName() + "' waits for " + task.group() + " in run " + task.run(),
                () -> notifier.tellGroupTaskWaits(task));
    }

    void incidentRaised(RaisedIncident incident) {
        deliver("an incident at '" + incident.stepName() + "' in run " + incident.run(),
                () -> notifier.tellLeadsIncidentRaised(incident));
    }

    private void deliver(String what, Runnable send) {
        try {
            sender.execute(() -> {
                try {
                    send.run();
                    log.info("Notified that {}", what);
                } catch (RuntimeException failure) {
                    log.warn("Could not notify that {}: {}", what, failure.getMessage());
                }
            });
        } catch (RejectedExecutionException full) {
            log.warn("Could not notify that {}: {} notifications are already waiting to go out", what,
                    QUEUED_AT_MOST);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
