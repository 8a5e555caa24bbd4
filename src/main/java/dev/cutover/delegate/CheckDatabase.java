package dev.cutover.delegate;

import dev.cutover.aws.rds.DbInstance;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One look at the database after a change (input {@code change}): {@code password} is applied once
 * RDS, having been seen applying it (resetting-master-credentials, or the password pending), is
 * available with nothing pending; right after the call RDS may still say available, so a change
 * never seen under way counts as applied only from the third look. {@code private} is applied once
 * RDS is available and not publicly accessible.
 */
@Component("checkDatabase")
class CheckDatabase extends Step {

    static final int LOOKS_WITHOUT_SEEING_IT = 3;

    private static final Logger log = LoggerFactory.getLogger(CheckDatabase.class);

    private final RdsPort rds;
    private final MigrationPlan plan;

    CheckDatabase(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String change = step.input("change");
        DbInstance db = rds.instance(plan.rds().instanceId());
        int looks = (step.getOrNull(Vars.DATABASE_CHECKS) == null ? 0 : step.get(Vars.DATABASE_CHECKS)) + 1;
        boolean seen = Boolean.TRUE.equals(step.getOrNull(Vars.DATABASE_CHANGE_SEEN))
                || db.resettingCredentials() || db.passwordChangePending();
        boolean ready = switch (change) {
            case "password" -> db.available() && !db.passwordChangePending()
                    && (seen || looks >= LOOKS_WITHOUT_SEEING_IT);
            case "private" -> db.available() && !db.publiclyAccessible();
            default -> throw new IllegalStateException("activity '" + step.step() + "': input 'change' is '" + change
                    + "'; known: password, private");
        };
        step.set(Vars.DATABASE_STATUS, db.status() + (db.passwordChangePending() ? ", password change pending" : "")
                + (db.publiclyAccessible() ? ", publicly accessible" : ", private"));
        step.set(Vars.DATABASE_READY, ready);
        step.set(Vars.DATABASE_CHANGE_SEEN, ready ? false : seen);
        step.set(Vars.DATABASE_CHECKS, ready ? 0 : looks);
        log.info("run {}: {} is {} (look {}){}", step.run(), db.id(), db.status(), looks,
                ready ? ": the " + change + " change is applied" : "");
        if (ready) {
            ledger.record(step.record(Outcome.CHECKED, db.id() + " is available with the " + change
                    + " change applied (look " + looks + ")", Map.of()));
        }
    }
}
