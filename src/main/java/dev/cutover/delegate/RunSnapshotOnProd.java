package dev.cutover.delegate;

import dev.cutover.aws.rds.RdsPort;
import dev.cutover.aws.rds.Snapshot;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Run snapshot on prod: a manual RDS snapshot named after the run and phase. */
@Component("runSnapshotOnProd")
class RunSnapshotOnProd extends Step {

    private final RdsPort rds;
    private final MigrationPlan plan;

    RunSnapshotOnProd(Ledger ledger, RdsPort rds, MigrationPlan plan) {
        super(ledger);
        this.rds = rds;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = plan.rds().instanceId();
        String id = SnapshotIds.of(step.run(), step.phase(), step.processInstanceId());
        Ensured<Snapshot> snapshot = rds.ensureSnapshot(instance, id,
                Map.of("cutover-run", step.run(), "cutover-phase", step.phase()));
        SnapshotProgress.show(step, snapshot.value());
        record(step, snapshot, (snapshot.changed() ? "snapshot requested: " : "snapshot exists: ") + id
                        + " of " + instance + " (" + snapshot.value().status() + ")",
                Map.of("snapshotId", id, "dbInstanceId", instance));
    }
}
