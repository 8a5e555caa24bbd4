package dev.cutover.report;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * What the report reads from the process models (the engine caches them): which handler undoes
 * which step, and the candidate groups of each user task. One look per process definition.
 */
final class Models {

    private final RepositoryService repository;
    private final Map<String, Model> models = new HashMap<>();

    Models(RepositoryService repository) {
        this.repository = repository;
    }

    /** The compensation handler's activity id that undoes this activity, or null. */
    String compensatedBy(String definitionId, String activityId) {
        return model(definitionId).handlerOf.get(activityId);
    }

    boolean isCompensationHandler(String definitionId, String activityId) {
        return model(definitionId).handlers.contains(activityId);
    }

    /** The activity's name as the ledger writes it, or its id when it has none. */
    String name(String definitionId, String activityId) {
        String name = model(definitionId).names.get(activityId);
        return name == null ? activityId : name;
    }

    /** The id of the activity of that name (as the ledger writes it), or null. */
    String activityId(String definitionId, String name) {
        return model(definitionId).idsByName.get(name);
    }

    String candidateGroups(String definitionId, String taskDefinitionKey) {
        return model(definitionId).candidateGroups.get(taskDefinitionKey);
    }

    private Model model(String definitionId) {
        return models.computeIfAbsent(definitionId, id -> id == null ? Model.EMPTY : read(repository.getBpmnModelInstance(id)));
    }

    private static Model read(BpmnModelInstance model) {
        Map<String, String> handlerOf = new HashMap<>();
        for (BoundaryEvent event : model.getModelElementsByType(BoundaryEvent.class)) {
            boolean compensation = event.getEventDefinitions().stream()
                    .anyMatch(CompensateEventDefinition.class::isInstance);
            if (!compensation || event.getAttachedTo() == null) {
                continue;
            }
            for (Association association : model.getModelElementsByType(Association.class)) {
                if (association.getSource() == event && association.getTarget() != null) {
                    handlerOf.put(event.getAttachedTo().getId(), association.getTarget().getId());
                }
            }
        }
        Set<String> handlers = model.getModelElementsByType(Activity.class).stream()
                .filter(Activity::isForCompensation).map(Activity::getId).collect(Collectors.toSet());
        Map<String, String> groups = new HashMap<>();
        model.getModelElementsByType(UserTask.class).forEach(task -> {
            if (task.getCamundaCandidateGroups() != null) {
                groups.put(task.getId(), task.getCamundaCandidateGroups());
            }
        });
        Map<String, String> names = new HashMap<>();
        Map<String, String> idsByName = new HashMap<>();
        model.getModelElementsByType(FlowNode.class).forEach(node -> {
            String name = RunReports.stepName(node.getName(), node.getId());
            names.put(node.getId(), name);
            idsByName.putIfAbsent(name, node.getId());
        });
        return new Model(handlerOf, handlers, groups, names, idsByName);
    }

    private record Model(Map<String, String> handlerOf, Set<String> handlers, Map<String, String> candidateGroups,
            Map<String, String> names, Map<String, String> idsByName) {
        static final Model EMPTY = new Model(Map.of(), Set.of(), Map.of(), Map.of(), Map.of());
    }
}
