package dev.cutover.web;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The pause between two probes of a bounded probe ("measure the downtime"): the one wait that
 * happens inside a job, on purpose, a second at a time. A test replaces it to move its clock instead.
 */
@Component
public class ProbePause {

    public void pause(Duration interval) {
        try {
            // a second between probes, bounded by the caller to well under the job lock: a timer could
            // not see a one-second recovery (see MeasureDowntime)
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the probe was interrupted", e);
        }
    }
}
