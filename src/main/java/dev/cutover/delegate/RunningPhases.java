package dev.cutover.delegate;

import dev.cutover.process.Vars;
import dev.cutover.step.StepContext;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Which of the run's phases still run: the rollback waits until none does. */
@Component
class RunningPhases {

    private final RuntimeService runtime;
    private final RepositoryService repository;

    RunningPhases(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    List<String> of(String run) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list().stream()
                .map(ProcessInstance::getProcessDefinitionId)
                .map(id -> repository.getProcessDefinition(id).getKey())
                .filter(RollbackPaths.PHASES::contains)
                .sorted()
                .toList();
    }

    /** Sets {@code phaseStopped} and {@code runningPhases} for the model's wait and for Cockpit. */
    void show(StepContext step) {
        List<String> phases = of(step.run());
        step.set(Vars.PHASE_STOPPED, phases.isEmpty());
        step.set(Vars.RUNNING_PHASES, phases.isEmpty() ? "none" : String.join(", ", phases));
    }
}
