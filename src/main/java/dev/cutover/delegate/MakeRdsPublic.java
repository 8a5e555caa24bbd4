package dev.cutover.delegate;

import dev.cutover.aws.rds.DbInstance;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Make RDS public (the runbook clicks it in the console), so the Heroku app reaches it again: the
 * database that is current, production's or one restored from a clean snapshot (restored in the
 * private network Day 2 left). RDS applies it at once.
 */
@Component("makeRdsPublic")
class MakeRdsPublic extends Step {

    private final RdsPort rds;
    private final MigrationPlan plan;

    MakeRdsPublic(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = CurrentDatabase.of(step, plan);
        Ensured<DbInstance> ensured = rds.ensurePubliclyAccessible(instance, true);
        recordUndo(step, ensured, instance
                + (ensured.changed() ? " is publicly accessible again (" : " was publicly accessible already (")
                + ensured.value().status() + ")", Map.of("dbInstance", instance));
    }
}
