package dev.cutover.rehearsal;

import java.time.Duration;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The time a slowed system takes to answer (a {@code <system>.slow} fault): the caller waits as it
 * would on a slow API, inside its call. Only an armed rehearsal fault ever waits here; a test
 * replaces it to move its clock instead.
 */
@Component
@Profile("rehearsal")
public class SimulatedLatency {

    public void pause(Duration delay) {
        try {
            // the injected fault is the wait itself: a slow outside system holds its caller's thread
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatedOutage("the simulated slow call was interrupted");
        }
    }
}
