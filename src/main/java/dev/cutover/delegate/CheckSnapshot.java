package dev.cutover.delegate;

import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.rds.Snapshot;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One poll of the snapshot. A snapshot that can no longer become available is an incident; one
 * deleted meanwhile (an operator cleared a failed one) is taken again under the same id.
 */
@Component("checkSnapshot")
class CheckSnapshot extends Step {

    private static final Logger log = LoggerFactory.getLogger(CheckSnapshot.class);

    private final RdsPort rds;
    private final MigrationPlan plan;

    CheckSnapshot(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String id = step.get(Vars.SNAPSHOT_ID);
        String instance = plan.rds().instanceId();
        Snapshot snapshot = rds.snapshot(id).orElse(null);
        if (snapshot == null) {
            Ensured<Snapshot> again = rds.ensureSnapshot(instance, id,
                    Map.of("cutover-run", step.run(), "cutover-phase", step.phase()));
            record(step, again, "snapshot " + id + " was gone; requested it again",
                    Map.of("snapshotId", id, "dbInstanceId", instance));
            snapshot = again.value();
        }
        if (snapshot.failed()) {
            throw new StepFailedException("RDS snapshot " + id + " of " + instance + " is '" + snapshot.status()
                    + "' and can never become available. Delete it in RDS, then retry this step to take it again.",
                    Map.of("snapshotId", id));
        }
        log.info("run {}: snapshot {} is {} ({}%)", step.run(), id, snapshot.status(), snapshot.percentProgress());
        SnapshotProgress.show(step, snapshot);
    }
}
