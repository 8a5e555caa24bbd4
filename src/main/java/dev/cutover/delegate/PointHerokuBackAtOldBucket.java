package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.Undoes;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Point Heroku back at the old bucket: the bucket the run's change replaced. Day 1's compensation,
 * and a rollback's step once Day 1 has ended.
 */
@Component("pointHerokuBackAtOldBucket")
class PointHerokuBackAtOldBucket extends Step implements Undoes {

    private final HerokuBucket herokuBucket;
    private final MigrationPlan plan;

    PointHerokuBackAtOldBucket(Ledger ledger, HerokuBucket herokuBucket, MigrationPlan plan) {
        super(ledger);
        this.herokuBucket = herokuBucket;
        this.plan = plan;
    }

    @Override
    public ForwardStep undoes() {
        return HerokuBucket.CHANGE_STEP;
    }

    @Override
    protected void perform(StepContext step) {
        if (nothingToUndo(step, undoes())) {
            return;
        }
        String bucket = herokuBucket.replacedBy(step);
        String previous = herokuBucket.pointAt(bucket);
        recordUndo(step, previous == null ? Ensured.alreadyDone(bucket) : Ensured.changed(bucket),
                plan.heroku().app() + " uses " + bucket + " again", Map.of("herokuApp", plan.heroku().app()));
    }
}
