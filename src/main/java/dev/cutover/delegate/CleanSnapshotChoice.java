package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.UserTaskContract;
import dev.cutover.process.Vars;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Pick a known clean snapshot" completed with a yes: {@code snapshot} must name one the run took;
 * otherwise the completion is refused (400 over REST) and nothing changes.
 */
@Component("cleanSnapshotChoice")
class CleanSnapshotChoice implements TaskListener {

    private final Ledger ledger;

    CleanSnapshotChoice(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable(UserTaskContract.APPROVED))) {
            return;
        }
        Object picked = task.getVariable(Vars.SNAPSHOT.name());
        Map<String, CleanSnapshots.Taken> taken = CleanSnapshots.of(ledger, task.getExecution().getProcessBusinessKey());
        if (!(picked instanceof String id) || !taken.containsKey(id.trim())) {
            throw new BadUserRequestException("Complete '" + task.getName() + "' with a string 'snapshot': one of "
                    + taken.keySet() + (picked == null ? "" : ", not '" + picked + "'"));
        }
        task.setVariable(Vars.SNAPSHOT.name(), id.trim());
    }
}
