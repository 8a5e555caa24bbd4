package dev.cutover.process;

import dev.cutover.plan.MigrationPlan;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The plan's timings as the processes use them ({@code ${timings.poll}} in a timer,
 * {@code ${timings.retryCycle}} on a service task). Rehearsal divides them by
 * {@code cutover.time-scale} so a three-day runbook rehearses in minutes, none becoming shorter than
 * {@code cutover.shortest-timing} (a second; the engine's benchmarks shorten it).
 */
@Component("timings")
public class Timings {

    private static final int ROTATION_RETRIES = 10;

    private final MigrationPlan.Timings effective;
    private final java.time.Duration availableWithin;

    Timings(MigrationPlan plan, @Value("${cutover.time-scale:1}") int timeScale,
            @Value("${cutover.shortest-timing:PT1S}") java.time.Duration shortest) {
        if (timeScale < 1) {
            throw new IllegalArgumentException("cutover.time-scale must be 1 or more, not " + timeScale);
        }
        if (shortest.isNegative() || shortest.isZero()) {
            throw new IllegalArgumentException("cutover.shortest-timing must be longer than 0, not " + shortest);
        }
        this.effective = timeScale == 1 ? plan.timings() : plan.timings().scaledDown(timeScale, shortest);
        this.availableWithin = plan.passwordRotation().availableWithin();
    }

    /** ISO-8601 duration between two polls of an outside system. */
    public String getPoll() {
        return effective.pollInterval().toString();
    }

    /** ISO-8601 duration between two looks at something that takes hours (a quota request). */
    public String getSlowPoll() {
        return effective.slowPollInterval().toString();
    }

    /** Camunda retry cycle for a step's technical failures, e.g. {@code R5/PT30S}. */
    public String getRetryCycle() {
        return "R" + effective.retries() + "/" + effective.retryInterval();
    }

    /** ISO-8601 duration the site at www has to appear in before the lead is asked. */
    public String getSiteLiveSla() {
        return effective.siteLiveSla().toString();
    }

    /** ISO-8601 duration DNS has to propagate everywhere in before the lead is asked. */
    public String getDnsPropagationDeadline() {
        return effective.dnsPropagationDeadline().toString();
    }

    /**
     * ISO-8601 duration the database has to be available again in after its password change: the
     * site is down meanwhile, so a rehearsal does not scale it.
     */
    public String getDatabaseAvailableWithin() {
        return availableWithin.toString();
    }

    /**
     * ISO-8601 duration between two looks at the database while the app waits for it (the password
     * change's downtime): the plan's poll, at most 5 seconds.
     */
    public String getRotationPoll() {
        java.time.Duration cap = java.time.Duration.ofSeconds(5);
        return (effective.pollInterval().compareTo(cap) < 0 ? effective.pollInterval() : cap).toString();
    }

    /**
     * Camunda retry cycle for the steps of the password change, while the site is down: quick
     * retries 2 s apart rather than the plan's slower cycle, ten of them ({@code R10/PT2S}) or the
     * plan's retries if it asks for more.
     */
    public String getRotationRetryCycle() {
        return "R" + Math.max(ROTATION_RETRIES, effective.retries()) + "/PT2S";
    }
}
