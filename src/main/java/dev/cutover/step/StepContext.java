package dev.cutover.step;

import dev.cutover.ledger.StepRecord;
import dev.cutover.process.Variable;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The runbook step a delegate is running: which run (business key), which phase (process key),
 * which step (the activity's name, in the runbook's words), and its variables.
 */
public final class StepContext {

    /** The local variable a step that runs a compensation handler's delegate in its own place sets to the handler's id. */
    public static final String STANDS_IN_FOR = "standsInForHandler";

    private final DelegateExecution execution;

    public StepContext(DelegateExecution execution) {
        this.execution = execution;
    }

    /** The engine's execution, for a step that runs other steps' delegates in its own place. */
    public DelegateExecution execution() {
        return execution;
    }

    public String run() {
        return execution.getProcessBusinessKey();
    }

    public String phase() {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        while (element != null && !(element instanceof Process)) {
            element = element.getParentElement();
        }
        return element == null ? execution.getProcessDefinitionId() : ((Process) element).getId();
    }

    public String processInstanceId() {
        return execution.getProcessInstanceId();
    }

    /** The activity's BPMN id: what the ledger is read by (names are for people and may be reworded). */
    public String activityId() {
        return execution.getCurrentActivityId();
    }

    public String step() {
        String name = execution.getCurrentActivityName();
        return name == null ? execution.getCurrentActivityId() : name.replaceAll("\\s+", " ").trim();
    }

    public <T> T get(Variable<T> variable) {
        return variable.from(execution);
    }

    public <T> T getOrNull(Variable<T> variable) {
        return variable.fromOrNull(execution);
    }

    public <T> void set(Variable<T> variable, T value) {
        variable.set(execution, value);
    }

    /** A local input of the activity (camunda:inputParameter), for delegates shared by several steps. */
    public String input(String name) {
        Object value = execution.getVariableLocal(name);
        if (value == null) {
            throw new IllegalStateException("activity '" + step() + "' needs the input parameter '" + name + "'");
        }
        return value.toString();
    }

    /** A local input of the activity, or null where the activity sets none. */
    public String inputOrNull(String name) {
        Object value = execution.getVariableLocal(name);
        return value == null ? null : value.toString();
    }

    /**
     * A compensation handler runs in its own activity (isForCompensation) or inside a subprocess for
     * compensation, or in the place of
     * "Undo what an unfinished step did", which names the handler it stands in for.
     */
    public boolean compensating() {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        while (element != null && !(element instanceof Process)) {
            // an undo of several steps is a subprocess for compensation: its steps compensate too
            if (element instanceof Activity activity && activity.isForCompensation()) {
                return true;
            }
            element = element.getParentElement();
        }
        return execution.getVariableLocal(STANDS_IN_FOR) != null;
    }

    /** Whether the step belongs to the rollback advisor or a rollback path (process keys {@code rollback…}). */
    public boolean rollingBack() {
        return phase().startsWith("rollback");
    }

    /** What an undo that changed something records: {@code compensated} inside its phase, {@code undone} by a rollback. */
    public Outcome undoOutcome() {
        return compensating() ? Outcome.COMPENSATED : Outcome.UNDONE;
    }

    /** A handler that changed something records {@code compensated}, whichever delegate it runs. */
    public StepRecord record(Outcome outcome, String detail, Map<String, String> undo) {
        Outcome recorded = outcome == Outcome.CHANGED && compensating() ? Outcome.COMPENSATED : outcome;
        return new StepRecord(run(), phase(), step(), activityId(), recorded, detail, undo,
                execution.getProcessInstanceId());
    }
}
