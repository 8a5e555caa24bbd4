package dev.cutover.process;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.StepRecord;
import dev.cutover.step.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The contract of every user task. On create it clears the answer variables, so an answer given to
 * an earlier task never routes this one. On complete it requires a boolean {@code approved}, and a
 * {@code decision} among the task's allowed values (its {@code decisions} property) where it has
 * more than two outcomes; otherwise the completion is refused with a message that says what is
 * missing, and nothing changes. A task whose {@code approvedDecisions} property names the decisions
 * that mean "go on" (Make really sure: {@code go}) also refuses an answer whose {@code approved}
 * contradicts its decision: a box ticked or unticked by mistake never picks the path. A task of the
 * whole run ({@code cutover}, or a phase it called) is due at the end of the run's launch window.
 * Every task links its form to the run's live page and audit report ({@code runPage},
 * {@code runReport}: task-local, read by the forms' "Where the run stands" line).
 * The answer, who gave it and their notes go to the ledger.
 */
@Component("userTaskContract")
public class UserTaskContract implements TaskListener {

    public static final String APPROVED = "approved";
    public static final String NOTES = "notes";
    public static final String DECISION = "decision";
    public static final String RUN_PAGE = "runPage";
    public static final String RUN_REPORT = "runReport";

    private final Ledger ledger;

    UserTaskContract(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.removeVariable(APPROVED);
            task.removeVariable(NOTES);
            task.removeVariable(DECISION);
            String run = task.getExecution().getProcessBusinessKey();
            if (run != null) {
                String runPage = "/cutover/runs/" + UriUtils.encodePathSegment(run, StandardCharsets.UTF_8);
                task.setVariableLocal(RUN_PAGE, runPage);
                task.setVariableLocal(RUN_REPORT, runPage + "/report");
            }
            // a task of the whole run is due when its launch window ends: Tasklist shows "due in …"
            java.util.Date windowEnd = CutoverClock.windowEnd(task.getExecution());
            if (windowEnd != null) {
                task.setDueDate(windowEnd);
            }
            return;
        }
        Object approved = task.getVariable(APPROVED);
        List<String> decisions = allowedDecisions(task);
        if (!(approved instanceof Boolean)) {
            throw new BadUserRequestException("Complete '" + task.getName() + "' with a boolean variable 'approved'"
                    + " (true = go on as planned) and optionally a string 'notes'"
                    + (decisions.isEmpty() ? "" : ", and a 'decision': one of " + decisions));
        }
        Object decision = task.getVariable(DECISION);
        if (!decisions.isEmpty() && (!(decision instanceof String) || !decisions.contains(decision))) {
            throw new BadUserRequestException("Complete '" + task.getName() + "' with a 'decision': one of "
                    + decisions + (decision == null ? "" : ", not '" + decision + "'"));
        }
        List<String> approving = property(task, "approvedDecisions");
        if (!approving.isEmpty() && (Boolean) approved != approving.contains(decision)) {
            throw new BadUserRequestException("Complete '" + task.getName() + "' with 'approved' true for "
                    + approving + " and false for the other decisions, not approved=" + approved + " with '"
                    + decision + "'");
        }
        Object notes = task.getVariable(NOTES);
        String detail = (Boolean) approved ? "approved" : "not approved";
        detail += decision == null ? "" : ", decision '" + decision + "'";
        detail += " by " + who(task);
        detail += notes == null || notes.toString().isBlank() ? "" : ": " + notes;
        String phase = task.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(task.getProcessDefinitionId()).getKey();
        String run = task.getExecution().getProcessBusinessKey();
        ledger.record(new StepRecord(run, phase, task.getName(), task.getTaskDefinitionKey(), Outcome.DECIDED, detail, Map.of(),
                task.getProcessInstanceId()));
    }

    private static String who(DelegateTask task) {
        var current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return task.getAssignee() == null ? "an unnamed caller" : task.getAssignee();
    }

    private static List<String> allowedDecisions(DelegateTask task) {
        return property(task, "decisions");
    }

    /** A comma-separated camunda property of the task's model, as a list (empty when it has none). */
    private static List<String> property(DelegateTask task, String name) {
        UserTask model = task.getBpmnModelElementInstance();
        if (model == null || model.getExtensionElements() == null) {
            return List.of();
        }
        return model.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> name.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .flatMap(values -> Arrays.stream(values.split(",")))
                .map(String::trim)
                .toList();
    }
}
