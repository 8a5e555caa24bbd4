package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerJob;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Run a playbook (create_storage, Deploy Zappa, …): launches the AWX job template the step names.
 * AWX cannot be asked which job a run launched, so the launch is written to the ledger at once;
 * an attempt that retries after a crash finds it there and follows that job instead of launching
 * a second.
 */
@Component("runPlaybook")
class RunPlaybook extends Step {

    private final Playbooks playbooks;

    RunPlaybook(Ledger ledger, Playbooks playbooks) {
        super(ledger);
        this.playbooks = playbooks;
    }

    @Override
    protected void perform(StepContext step) {
        Optional<Long> launchedBefore = ledger.entries(step.processInstanceId(), step.activityId()).stream()
                .filter(entry -> entry.outcome().changedSomething())
                .map(LedgerEntry::undo)
                .map(undo -> undo.get(Playbooks.JOB_REFERENCE))
                .reduce((first, last) -> last)
                .map(Long::valueOf);
        if (launchedBefore.isPresent()) {
            TowerJob job = playbooks.job(launchedBefore.get());
            playbooks.show(step, job);
            record(step, Ensured.alreadyDone(job), "AWX job " + job.id() + " was launched by an earlier attempt ("
                    + job.status() + ")", Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id())));
            return;
        }
        TowerJob job = playbooks.launch(step);
        ledger.recordAtOnce(step.record(Outcome.CHANGED, "launched AWX job " + job.id() + " from template '"
                + playbooks.template(step).name() + "'", Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id()))));
        playbooks.show(step, job);
    }
}
