package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Update Heroku to the new bucket (its bucket config var); compensated by pointing it back. */
@Component("pointHerokuAtNewBucket")
class PointHerokuAtNewBucket extends Step {

    private final HerokuBucket herokuBucket;
    private final MigrationPlan plan;

    private final Clock clock;

    PointHerokuAtNewBucket(Ledger ledger, HerokuBucket herokuBucket, MigrationPlan plan, Clock clock) {
        super(ledger);
        this.herokuBucket = herokuBucket;
        this.plan = plan;
        this.clock = clock;
    }

    @Override
    protected void perform(StepContext step) {
        String bucket = plan.buckets().media();
        Instant switchedAt = clock.instant();
        String previous = herokuBucket.pointAt(bucket);
        String var = plan.heroku().s3BucketVar();
        if (previous == null) {
            record(step, Ensured.alreadyDone(bucket), plan.heroku().app() + " already uses " + bucket, Map.of());
            return;
        }
        record(step, Ensured.changed(bucket), plan.heroku().app() + ": " + var + " " + previous + " → " + bucket,
                herokuBucket.undo(previous, switchedAt));
    }
}
