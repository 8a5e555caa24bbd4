package dev.cutover.rehearsal;

/** A technical failure the rehearsal injected: the engine retries it like a real outage. */
public class SimulatedOutage extends RuntimeException {

    public SimulatedOutage(String message) {
        super(message);
    }
}
