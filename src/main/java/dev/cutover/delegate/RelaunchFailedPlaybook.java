package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Redaction;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import dev.cutover.tower.TowerJob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A playbook failed. The first time this step meets the failure it raises an incident carrying
 * the end of the job's output (this step retries no further on its own: relaunching a playbook
 * that failed for a reason nobody fixed helps no one). When an operator has fixed the cause and
 * retries the step in Cockpit, the ledger shows the failure was reported, and the step launches
 * the playbook again, once ({@link Playbooks#launchOnce}: a crash before the relaunch is recorded
 * does not relaunch twice). Each relaunch names the job it replaced: a later failure of the same
 * step (the deploy run again on purpose) is its own failure, reported before anything is relaunched.
 */
@Component("relaunchFailedPlaybook")
class RelaunchFailedPlaybook extends Step {

    /** The failed job a relaunch replaced, in the relaunch's ledger entry. */
    static final String RELAUNCH_OF = "relaunchOf";
    /** Engine incident messages are cut at 666 characters: keep ours whole. */
    private static final int MESSAGE_LIMIT = 640;

    private final Playbooks playbooks;

    RelaunchFailedPlaybook(Ledger ledger, Playbooks playbooks) {
        super(ledger);
        this.playbooks = playbooks;
    }

    @Override
    protected void perform(StepContext step) {
        String failedJob = String.valueOf(step.get(Vars.playbookJob(step.input(Playbooks.INPUT))));
        List<LedgerEntry> mine = ledger.entries(step.processInstanceId(), step.activityId()).stream()
                .filter(entry -> entry.undo().containsKey(Playbooks.JOB_REFERENCE))
                .toList();
        // this failure already relaunched (a retry after a crash): follow that job, launch none
        Optional<LedgerEntry> relaunched = mine.stream()
                .filter(entry -> entry.outcome().changedSomething() && failedJob.equals(entry.undo().get(RELAUNCH_OF)))
                .reduce((first, last) -> last);
        if (relaunched.isPresent()) {
            playbooks.show(step, playbooks.job(Long.parseLong(relaunched.get().undo().get(Playbooks.JOB_REFERENCE))));
            return;
        }
        boolean reported = mine.stream().anyMatch(entry -> entry.outcome() == Outcome.FAILED
                && entry.undo().get(Playbooks.JOB_REFERENCE).equals(failedJob));
        if (!reported) {
            throw failure(step, playbooks.job(Long.parseLong(failedJob)));
        }
        Playbooks.Launch launch = playbooks.launchOnce(step, "relaunch-of-" + failedJob);
        TowerJob job = launch.job();
        ledger.recordAtOnce(step.record(Outcome.CHANGED, "relaunched '" + playbooks.template(step).name()
                + "' after job " + failedJob + " failed: AWX job " + job.id()
                + (launch.earlier() ? " (launched by an earlier try, found in AWX by its launch marker)" : ""),
                Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id()), RELAUNCH_OF, failedJob)));
        playbooks.show(step, job);
    }

    private StepFailedException failure(StepContext step, TowerJob job) {
        String head = "AWX job " + job.id() + " ('" + playbooks.template(step).name() + "') ended " + job.status()
                + (job.explanation() == null || job.explanation().isBlank() ? "" : " (" + job.explanation() + ")")
                + ". Fix the cause, then retry this step to launch the playbook again. Output ends: ";
        String tail = Redaction.redact(playbooks.outputTail(job.id()));
        int room = Math.max(0, MESSAGE_LIMIT - head.length());
        String fitted = tail.length() <= room ? tail : "…" + tail.substring(tail.length() - room + 1);
        return new StepFailedException(head + fitted, Map.of(Playbooks.JOB_REFERENCE, String.valueOf(job.id())));
    }
}
