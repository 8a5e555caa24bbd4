package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.step.Ensured;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * Before a rollback's compensation: Camunda compensates only the activities that completed, but a
 * step can change production and then fail (maintenance on, then the scale refused; the records
 * written at Namecheap, then the answer lost) or be interrupted by the rollback itself. Every
 * activity with a compensation handler that the ledger shows touched (any entry: a saved state, a
 * launch, a failure) and that never completed has its handler run here, in its place: the same
 * idempotent undo, most recently touched first.
 */
@Component("undoUnfinishedSteps")
class UndoUnfinishedSteps extends Step {

    private final HistoryService history;
    private final BeanFactory beans;

    UndoUnfinishedSteps(Ledger ledger, HistoryService history, BeanFactory beans) {
        super(ledger);
        this.history = history;
        this.beans = beans;
    }

    @Override
    protected void perform(StepContext step) {
        DelegateExecution execution = step.execution();
        List<Undo> unfinished = new ArrayList<>();
        for (BoundaryEvent boundary : execution.getBpmnModelInstance().getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getEventDefinitions().stream().noneMatch(CompensateEventDefinition.class::isInstance)) {
                continue;
            }
            Activity host = boundary.getAttachedTo();
            List<LedgerEntry> touched = ledger.entries(step.processInstanceId(), host.getId());
            if (touched.isEmpty() || completed(step.processInstanceId(), host.getId())) {
                continue;
            }
            unfinished.add(new Undo(host, handler(boundary), touched.get(0).id()));
        }
        unfinished.sort(Comparator.comparingLong(Undo::firstTouched).reversed());
        List<String> done = new ArrayList<>();
        for (Undo undo : unfinished) {
            if (!(undo.handler() instanceof ServiceTask task) || task.getCamundaDelegateExpression() == null) {
                done.add("'" + name(undo.host()) + "' needs '" + name(undo.handler()) + "' by hand");
                continue;
            }
            String bean = task.getCamundaDelegateExpression().replaceAll("^\\$\\{|}$", "");
            Map<String, String> inputs = inputs(task);
            inputs.forEach(execution::setVariableLocal);
            execution.setVariableLocal(StepContext.STANDS_IN_FOR, undo.handler().getId());
            try {
                beans.getBean(bean, JavaDelegate.class).execute(execution);
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } finally {
                inputs.keySet().forEach(execution::removeVariableLocal);
                execution.removeVariableLocal(StepContext.STANDS_IN_FOR);
            }
            done.add("'" + name(undo.host()) + "' undone by '" + name(undo.handler()) + "'");
        }
        record(step, done.isEmpty() ? Ensured.alreadyDone(step.run()) : Ensured.changed(step.run()),
                done.isEmpty() ? "no step was left unfinished" : String.join("; ", done), Map.of());
    }

    private boolean completed(String processInstanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(activityId).finished().list().stream().anyMatch(activity -> !activity.isCanceled());
    }

    private static Activity handler(BoundaryEvent boundary) {
        return boundary.getModelInstance().getModelElementsByType(Association.class).stream()
                .filter(association -> association.getSource() == boundary)
                .map(association -> (Activity) association.getTarget())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the compensation event '" + boundary.getId()
                        + "' has no handler associated"));
    }

    private static Map<String, String> inputs(ServiceTask task) {
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        if (task.getExtensionElements() == null) {
            return inputs;
        }
        task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                .forEach(io -> {
                    for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
                        inputs.put(parameter.getCamundaName(), parameter.getTextContent().trim());
                    }
                });
        return inputs;
    }

    /** An activity's name as the ledger keeps it (see {@link StepContext#step()}). */
    private static String name(Activity activity) {
        return activity.getName() == null ? activity.getId() : activity.getName().replaceAll("\\s+", " ").trim();
    }

    private record Undo(Activity host, Activity handler, long firstTouched) {}
}
