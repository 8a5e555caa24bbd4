package dev.cutover.delegate;

import dev.cutover.aws.rds.DbInstance;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Make database not public (input {@code publiclyAccessible} false), and its compensation, public
 * again so the Heroku app reaches it (true): RDS applies it at once; the process waits for it.
 */
@Component("setDatabasePublicAccess")
class SetDatabasePublicAccess extends Step {

    private final RdsPort rds;
    private final MigrationPlan plan;

    SetDatabasePublicAccess(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = plan.rds().instanceId();
        boolean wanted = Boolean.parseBoolean(step.input("publiclyAccessible"));
        Ensured<DbInstance> ensured = rds.ensurePubliclyAccessible(instance, wanted);
        step.set(Vars.DATABASE_CHECKS, 0);
        record(step, ensured, instance + (wanted ? " is publicly accessible again (" : " is not publicly accessible (")
                + ensured.value().status() + ")", Map.of("dbInstance", instance));
    }
}
