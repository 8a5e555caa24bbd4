package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.process.Phases;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The lead chose to roll back as the launch window closes. With the rollback advisor deployed
 * (process {@code rollback}), it gets the request ({@code RollbackRequested}, by the run's key) and
 * the lead confirms there. Without it, the run's running phase is told to stop for rollback
 * ({@code StopForRollback}) and runs its own rollback; with no phase running, the run rolls itself
 * back ({@code rollbackFollows} false). The run's own instance is never sent the message here: it
 * follows its phase, or ends itself in the model.
 */
@Component("askForRollback")
class AskForRollback extends Step {

    static final String ADVISOR = "rollback";
    static final String REASON = "the launch window is closing and the lead chose to roll back";

    private final RepositoryService repository;
    private final RuntimeService runtime;

    AskForRollback(Ledger ledger, RepositoryService repository, RuntimeService runtime) {
        super(ledger);
        this.repository = repository;
        this.runtime = runtime;
    }

    @Override
    protected void perform(StepContext step) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(ADVISOR).count() > 0) {
            runtime.createMessageCorrelation("RollbackRequested").processInstanceBusinessKey(step.run())
                    .setVariable("reason", REASON).correlateWithResult();
            step.set(Vars.ROLLBACK_FOLLOWS, true);
            record(step, new Ensured<>(Outcome.CHANGED, ADVISOR), "asked the rollback advisor (RollbackRequested): "
                    + REASON, Map.of());
            return;
        }
        List<String> stopped = new ArrayList<>();
        for (String phase : Phases.ORDER) {
            for (ProcessInstance running : runtime.createProcessInstanceQuery().processDefinitionKey(phase)
                    .processInstanceBusinessKey(step.run()).list()) {
                if (!runtime.createMessageCorrelation("StopForRollback").processInstanceId(running.getId())
                        .setVariable("reason", REASON).correlateAllWithResult().isEmpty()) {
                    stopped.add(phase);
                }
            }
        }
        step.set(Vars.ROLLBACK_FOLLOWS, !stopped.isEmpty());
        record(step, new Ensured<>(stopped.isEmpty() ? Outcome.CHECKED : Outcome.CHANGED, stopped),
                stopped.isEmpty() ? "no rollback advisor deployed and no phase running: the run rolls itself back"
                        : "no rollback advisor deployed: told " + String.join(", ", stopped)
                        + " to stop for rollback (StopForRollback); the run follows its rollback", Map.of());
    }
}
