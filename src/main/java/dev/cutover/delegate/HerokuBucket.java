package dev.cutover.delegate;

import dev.cutover.heroku.HerokuPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepContext;
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

    Map<String, String> undo(String previous) {
        return Map.of("herokuApp", plan.heroku().app(), "configVar", plan.heroku().s3BucketVar(), PREVIOUS, previous);
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
