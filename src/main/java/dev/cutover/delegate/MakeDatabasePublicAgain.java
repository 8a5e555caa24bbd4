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

/** Compensation of "make database not public": publicly accessible again, so the Heroku app reaches it. */
@Component("makeDatabasePublicAgain")
class MakeDatabasePublicAgain extends Step {

    private final RdsPort rds;
    private final MigrationPlan plan;

    MakeDatabasePublicAgain(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = plan.rds().instanceId();
        Ensured<DbInstance> ensured = rds.ensurePubliclyAccessible(instance, true);
        record(step, ensured, instance + " is publicly accessible again (" + ensured.value().status() + ")",
                Map.of("dbInstance", instance));
    }
}
