package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compensation: Heroku back on the bucket the run's change replaced. In Day 1's undo it runs after
 * "Copy the new uploads back to the old bucket" ({@code copyUploadsBackToOldBucket}), so no upload
 * made since the switch is left behind; a rollback of its own calls them in the same order.
 */
@Component("pointHerokuBackAtOldBucket")
class PointHerokuBackAtOldBucket extends Step {

    private final HerokuBucket herokuBucket;
    private final MigrationPlan plan;

    PointHerokuBackAtOldBucket(Ledger ledger, HerokuBucket herokuBucket, MigrationPlan plan) {
        super(ledger);
        this.herokuBucket = herokuBucket;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String bucket = herokuBucket.replacedBy(step);
        String previous = herokuBucket.pointAt(bucket);
        record(step, previous == null ? Ensured.alreadyDone(bucket) : Ensured.changed(bucket),
                plan.heroku().app() + " uses " + bucket + " again", Map.of("herokuApp", plan.heroku().app()));
    }
}
