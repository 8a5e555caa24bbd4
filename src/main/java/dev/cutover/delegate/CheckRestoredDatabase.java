package dev.cutover.delegate;

import dev.cutover.aws.rds.DbInstance;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.process.Vars;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.Set;
import org.springframework.stereotype.Component;

/** One look at the restored instance: {@code creating}, …, then {@code available}; a failed restore is an incident. */
@Component("checkRestoredDatabase")
class CheckRestoredDatabase extends Step {

    /** Statuses from which a restored instance never becomes available (botocore's waiter failure set). */
    private static final Set<String> FAILED = Set.of("deleted", "deleting", "failed", "incompatible-restore",
            "incompatible-parameters");

    private final RdsPort rds;

    CheckRestoredDatabase(Ledger ledger, RdsPort rds) {
        super(ledger);
        this.rds = rds;
    }

    @Override
    protected void perform(StepContext step) {
        String instance = step.get(Vars.DATABASE_INSTANCE);
        DbInstance seen = rds.instance(instance);
        if (FAILED.contains(seen.status())) {
            throw new StepFailedException("the database restored from snapshot " + step.get(Vars.SNAPSHOT) + " ("
                    + instance + ") is " + seen.status() + ": it will not become available. Pick another snapshot"
                    + " or restore by hand, then retry this step");
        }
        RollBackDatabaseToCleanState.show(step, seen);
    }
}
