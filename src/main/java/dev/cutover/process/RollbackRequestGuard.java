package dev.cutover.process;

import dev.cutover.ledger.Ledger;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Runs on the start of the rollback advisor and of every rollback path: a rollback names a run
 * that exists (its ledger or the engine knows its business key), and one rollback of each kind
 * runs per run at a time. A bad request is refused with a message naming the key, and nothing is
 * started. Tasklist starts the advisor through its form, which has no business key field: the
 * form's {@code run} becomes the instance's business key.
 */
@Component("rollbackRequestGuard")
public class RollbackRequestGuard implements ExecutionListener {

    private final Ledger ledger;

    RollbackRequestGuard(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The request form's field that names the run, where no business key came with the start. */
    static final String RUN = "run";

    @Override
    public void notify(DelegateExecution execution) {
        if ((execution.getProcessBusinessKey() == null || execution.getProcessBusinessKey().isBlank())
                && execution.getVariable(RUN) instanceof String run && !run.isBlank()) {
            execution.setProcessBusinessKey(run.trim());
        }
        String key = execution.getProcessBusinessKey();
        var services = execution.getProcessEngineServices();
        String process = services.getRepositoryService().getProcessDefinition(execution.getProcessDefinitionId())
                .getKey();
        if (key == null || key.isBlank()) {
            throw new BadUserRequestException("Request " + process + " with the business key of the run to roll back,"
                    + " e.g. 'launch-2026-12-01' (Tasklist: the Business Key field, or the"
                    + " request form's Run field; REST: the message's"
                    + " \"businessKey\").");
        }
        String self = execution.getProcessInstanceId();
        boolean known = !ledger.entries(key).isEmpty()
                || services.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
                        .list().stream().anyMatch(instance -> !instance.getId().equals(self));
        if (!known) {
            throw new BadUserRequestException("No run has the business key '" + key + "': nothing to roll back."
                    + " Request the rollback with the business key the run's phases were started with.");
        }
        var running = services.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(process)
                .processInstanceBusinessKey(key).list().stream()
                .filter(instance -> !instance.getId().equals(self))
                .findFirst();
        if (running.isPresent()) {
            throw new BadUserRequestException("Run '" + key + "' already has " + process + " running (process"
                    + " instance " + running.get().getId() + "); confirm or cancel it before requesting another.");
        }
    }
}
