package dev.cutover.process;

import dev.cutover.plan.PlanConfirmations;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Runs on the start of every phase: a run is named by its business key, which also names what the
 * run makes (snapshot ids), so it must be present and well formed, and a phase runs once per run
 * at a time. Phases run in the runbook's order ({@link Phases#ORDER}): one starts on its own only
 * after the one before it completed for the run, and never while the whole run ({@code cutover})
 * is running for it, which starts them itself. A live run starts no phase while the plan has values
 * to confirm ({@link PlanConfirmations}). A bad start is refused with a message that says why, and
 * nothing is started.
 */
@Component("runKeyGuard")
public class RunKeyGuard implements ExecutionListener {

    static final Pattern RUN_KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final int MAX_LENGTH = 40;

    private final PlanConfirmations confirmations;

    RunKeyGuard(PlanConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        String phase = execution.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(execution.getProcessDefinitionId()).getKey();
        if (key == null || key.isBlank()) {
            throw new BadUserRequestException("Start " + phase + " with a business key that names the run,"
                    + " e.g. 'launch-2026-12-01' (Tasklist: the Business Key field; REST: \"businessKey\").");
        }
        if (key.length() > MAX_LENGTH || !RUN_KEY.matcher(key).matches()) {
            throw new BadUserRequestException("Business key '" + key + "' cannot name a run: use lower-case letters,"
                    + " digits and single hyphens, starting with a letter, at most " + MAX_LENGTH
                    + " characters (it becomes part of snapshot ids), e.g. 'launch-2026-12-01'.");
        }
        long running = execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(phase)
                .processInstanceBusinessKey(key)
                .list().stream()
                .filter(instance -> !instance.getId().equals(execution.getProcessInstanceId()))
                .count();
        if (running > 0) {
            throw new BadUserRequestException("Run '" + key + "' already has " + phase
                    + " running (or suspended); finish or cancel it before starting it again.");
        }
        confirmations.ensureConfirmedBeforeStarting(phase);
        if (Phases.CUTOVER.equals(phase)) {
            refuseWhileAPhaseRunsAlone(execution, key);
        } else if (!startedByTheWholeRun(execution)) {
            refuseWhileTheWholeRunRuns(execution, key, phase);
            refuseBeforeTheLastPhaseCompleted(execution, key, phase);
        }
    }

    /** The whole run calls its phases in order itself: a phase it starts needs no other check. */
    private static boolean startedByTheWholeRun(DelegateExecution execution) {
        DelegateExecution caller = execution.getSuperExecution();
        return caller != null && Phases.CUTOVER.equals(execution.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(caller.getProcessDefinitionId()).getKey());
    }

    private static void refuseWhileAPhaseRunsAlone(DelegateExecution execution, String key) {
        for (String phase : Phases.ORDER) {
            if (execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey(phase).processInstanceBusinessKey(key).count() > 0) {
                throw new BadUserRequestException("Run '" + key + "' has " + phase + " running on its own;"
                        + " let it end (or cancel it) before starting the whole cutover for this run.");
            }
        }
    }

    private static void refuseWhileTheWholeRunRuns(DelegateExecution execution, String key, String phase) {
        if (execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(Phases.CUTOVER).processInstanceBusinessKey(key).count() > 0) {
            throw new BadUserRequestException("Run '" + key + "' is being run by the whole cutover (" + Phases.CUTOVER
                    + "), which starts " + phase + " itself in its turn; do not start it on its own.");
        }
    }

    /**
     * A phase starts only after the one before it completed for this run: only one phase of a run
     * is ever running, so a rollback message correlated by the run's key finds exactly one.
     */
    private static void refuseBeforeTheLastPhaseCompleted(DelegateExecution execution, String key, String phase) {
        String earlier = Phases.before(phase).orElse(null);
        if (earlier == null) {
            return;
        }
        HistoryService history = execution.getProcessEngineServices().getHistoryService();
        String refused = "Start " + phase + " for run '" + key + "' only after " + earlier + " has completed for it: ";
        HistoricProcessInstance last = Phases.latest(history, earlier, key).orElseThrow(() ->
                new BadUserRequestException(refused + earlier + " has not run for this run yet."));
        switch (Phases.ending(history, last)) {
            case DONE -> { }
            case RUNNING -> throw new BadUserRequestException(refused + earlier + " is still running.");
            case ROLLED_BACK -> throw new BadUserRequestException(refused + earlier
                    + " ended rolled back; run " + earlier + " again first.");
            case STOPPED -> throw new BadUserRequestException(refused + earlier
                    + " stopped short (" + last.getEndActivityId() + "); run " + earlier + " again first.");
            case CANCELLED -> throw new BadUserRequestException(refused + earlier
                    + " was cancelled; run " + earlier + " again first.");
        }
    }
}
