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
 * Rollback database to known clean state: the snapshot the lead picked restored to a NEW instance
 * (RDS restores never overwrite; the damaged one stays for inspection), in production's network.
 * Its name follows from this rollback (a retry finds it); the process then waits for it.
 */
@Component("rollBackDatabaseToCleanState")
class RollBackDatabaseToCleanState extends Step {

    private final RdsPort rds;
    private final MigrationPlan plan;

    RollBackDatabaseToCleanState(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String snapshot = step.get(Vars.SNAPSHOT);
        String source = plan.rds().instanceId();
        String restored = restoredName(source, step.processInstanceId());
        Ensured<DbInstance> ensured = rds.ensureRestoredFromSnapshot(source, snapshot, restored);
        step.set(Vars.DATABASE_INSTANCE, restored);
        show(step, ensured.value());
        recordUndo(step, ensured.changed() ? Ensured.changed(restored) : Ensured.alreadyDone(restored),
                "snapshot " + snapshot + (ensured.changed() ? " is being restored" : " was restored") + " to a new instance "
                        + restored + " (" + ensured.value().status() + "); " + source + " is kept as it is",
                Map.of("snapshotId", snapshot, "dbInstance", restored, "damagedDbInstance", source));
    }

    static void show(StepContext step, DbInstance instance) {
        step.set(Vars.RESTORED_DATABASE_STATUS, instance.status());
        step.set(Vars.RESTORED_DATABASE_AVAILABLE, instance.available());
    }

    /** {@code <prod>-restored-<first 8 of the rollback>}, within RDS's 63 characters. */
    static String restoredName(String source, String processInstanceId) {
        String attempt = processInstanceId.replace("-", "").toLowerCase();
        String suffix = "-restored-" + attempt.substring(0, Math.min(8, attempt.length()));
        String base = source.length() + suffix.length() > 63 ? source.substring(0, 63 - suffix.length()) : source;
        return base.replaceAll("-+$", "") + suffix;
    }
}
