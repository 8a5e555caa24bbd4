package dev.cutover.process;

import dev.cutover.plan.PlanConfirmations;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Runs on the start of every phase: a run is named by its business key, which also names what the
 * run makes (snapshot ids), so it must be present and well formed, and a phase runs once per run
 * at a time. A live run starts no phase while the plan has values to confirm ({@link PlanConfirmations}). A bad start is refused with a message that says why, and nothing is started.
 */
@Component("runKeyGuard")
public class RunKeyGuard implements ExecutionListener {

    private final PlanConfirmations confirmations;

    RunKeyGuard(PlanConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    static final Pattern RUN_KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final int MAX_LENGTH = 40;

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
    }
}
