package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.tower.TowerJob;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Component;

/**
 * Run a playbook (create_storage, Deploy Zappa, …): launches the AWX job template the step names,
 * once per attempt. The launch's job id is written to the ledger at once, and a retry of the same
 * attempt finds it there and follows that job; a retry that finds no id (a crash between AWX's
 * answer and that write, or the answer lost) finds the job in AWX by the attempt's launch marker
 * ({@link Playbooks#launchOnce}), and launches only when AWX has none. The step entered again on
 * purpose (the lead's "repoint again") is a new attempt: the engine's history counts the attempts
 * that completed, and each launched its own job.
 */
@Component("runPlaybook")
class RunPlaybook extends Step {

    private final Playbooks playbooks;
    private final HistoryService history;

    RunPlaybook(Ledger ledger, Playbooks playbooks, HistoryService history) {
        super(ledger);
        this.playbooks = playbooks;
        this.history = history;
    }

    @Override
    protected void perform(StepContext step) {
        List<String> launches = ledger.entries(step.processInstanceId(), step.activityId()).stream()
                .filter(entry -> entry.outcome().changedSomething())
                .map(LedgerEntry::undo)
                .map(undo -> undo.get(Playbooks.JOB_REFERENCE))
                .filter(job -> job != null)
                .toList();
        long attempt = completedAttempts(step) + 1;
        if (launches.size() >= attempt) {
            TowerJob job = playbooks.job(Long.parseLong(launches.get(launches.size() - 1)));
            playbooks.show(step, job);
            record(step, Ensured.alreadyDone(job), "AWX job " + job.id() + " was launched by an earlier try of this"
                    + " attempt (" + job.status() + ")", Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id())));
            return;
        }
        Playbooks.Launch launch = playbooks.launchOnce(step, "attempt-" + attempt);
        TowerJob job = launch.job();
        String template = "'" + playbooks.template(step).name() + "'";
        ledger.recordAtOnce(step.record(Outcome.CHANGED, launch.earlier()
                        ? "AWX job " + job.id() + " from template " + template + " was launched by an earlier try of"
                                + " this attempt, found in AWX by its launch marker (" + job.status() + ")"
                        : "launched AWX job " + job.id() + " from template " + template,
                Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id()))));
        playbooks.show(step, job);
    }

    /** How often this activity completed in this process instance before: the attempts that launched already. */
    private long completedAttempts(StepContext step) {
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(step.processInstanceId())
                .activityId(step.execution().getCurrentActivityId())
                .finished().list().stream()
                .filter(activity -> !activity.isCanceled())
                .count();
    }
}
