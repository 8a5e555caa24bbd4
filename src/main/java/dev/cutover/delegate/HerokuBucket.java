package dev.cutover.delegate;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which bucket Heroku's app uses: its bucket config var. The value a change replaced is kept in
 * the ledger (a bucket name is no secret), and the compensation puts it back.
 */
@Component
class HerokuBucket {

    static final ForwardStep CHANGE_STEP = new ForwardStep("day-1", "pointHerokuAtNewBucket");
    private static final String PREVIOUS = "previousValue";
    private static final String SWITCHED_AT = "switchedAt";
    // S3 stamps objects with its own clock: an upload made right at the switch still counts as after it
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(2);

    private final HerokuPort heroku;
    private final MigrationPlan plan;
    private final Ledger ledger;

    HerokuBucket(HerokuPort heroku, MigrationPlan plan, Ledger ledger) {
        this.heroku = heroku;
        this.plan = plan;
        this.ledger = ledger;
    }

    /** Points the app at {@code bucket}; the value it had, or null when it already pointed there. */
    String pointAt(String bucket) {
        String app = plan.heroku().app();
        String variable = plan.heroku().s3BucketVar();
        String current = heroku.configVars(app).get(variable);
        if (bucket.equals(current)) {
            return null;
        }
        heroku.setConfigVars(app, Map.of(variable, bucket));
        return current == null ? "" : current;
    }

    Map<String, String> undo(String previous, Instant switchedAt) {
        return Map.of("herokuApp", plan.heroku().app(), "configVar", plan.heroku().s3BucketVar(), PREVIOUS, previous,
                SWITCHED_AT, switchedAt.toString());
    }

    /**
     * From when Heroku may have written to the new bucket: the run's switch (a little before, for
     * S3's clock), or null when the ledger knows of none (then every object the old bucket lacks
     * goes back).
     */
    Instant uploadsSince(StepContext step) {
        return CHANGE_STEP.entries(ledger, step).stream()
                .filter(entry -> entry.outcome() == Outcome.CHANGED)
                .map(entry -> entry.undo().containsKey(SWITCHED_AT)
                        ? Instant.parse(entry.undo().get(SWITCHED_AT)) : entry.recordedAt())
                .min(Instant::compareTo)
                .map(switchedAt -> switchedAt.minus(CLOCK_MARGIN))
                .orElse(null);
    }

    /** The bucket the run's change replaced, else the plan's old bucket. */
    String replacedBy(StepContext step) {
        return CHANGE_STEP.entries(ledger, step).stream()
                .filter(entry -> entry.outcome() == Outcome.CHANGED)
                .map(LedgerEntry::undo)
                .map(undo -> undo.get(PREVIOUS))
                .filter(previous -> previous != null && !previous.isBlank())
                .reduce((first, last) -> last)
                .orElse(plan.buckets().oldMedia());
    }
}
