package dev.cutover.processmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every model in processes/ must be for operators and auditors to rely on it. */
class ProcessModelsTest {

    private static final Set<String> GROUPS = Set.of("cutover-operators", "cutover-leads");

    static Stream<Path> models() throws IOException {
        return Files.list(Path.of("processes")).filter(path -> path.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest
    @MethodSource("models")
    void theFileIsNamedAfterItsProcessWhichKeepsItsHistory(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Process process = model.getModelElementsByType(Process.class).iterator().next();

        assertThat(file.getFileName().toString()).isEqualTo(process.getId() + ".bpmn");
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyUserTaskNamesACutoverCandidateGroup(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroupsList()).as(task.getId()).isNotEmpty();
            assertThat(GROUPS).as(task.getId()).containsAll(task.getCamundaCandidateGroupsList());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyServiceTaskIsAsyncWithARetryCycleAndANameFromTheRunbook(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
            assertThat(task.getName()).as(task.getId()).isNotBlank();
            assertThat(task.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class).count())
                    .as(task.getId()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyFlowNodeIsOnAPath(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            boolean offThePath = node instanceof BoundaryEvent
                    || node instanceof SubProcess subProcess && subProcess.triggeredByEvent()
                    || node instanceof org.camunda.bpm.model.bpmn.instance.Activity activity
                    && activity.isForCompensation();
            if (offThePath) {
                continue;
            }
            if (!(node instanceof org.camunda.bpm.model.bpmn.instance.StartEvent)) {
                assertThat(node.getIncoming()).as("flows into " + node.getId()).isNotEmpty();
            }
            if (!(node instanceof org.camunda.bpm.model.bpmn.instance.EndEvent)) {
                assertThat(node.getOutgoing()).as("flows out of " + node.getId()).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyFlowNodeIsDrawnAndNoTwoShapesOverlap(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(shapes).as("shape of " + node.getId())
                    .anyMatch(shape -> shape.getBpmnElement() == node);
        }
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                if (meantToTouch(shapes.get(i), shapes.get(j))) {
                    continue;
                }
                assertThat(overlap(shapes.get(i).getBounds(), shapes.get(j).getBounds()))
                        .as(shapes.get(i).getId() + " and " + shapes.get(j).getId()).isFalse();
            }
        }
    }

    /** A subprocess holds its own shapes, and a boundary event sits on the edge of its activity. */
    private static boolean meantToTouch(BpmnShape a, BpmnShape b) {
        return inside(a, b) || inside(b, a) || attached(a, b) || attached(b, a);
    }

    private static boolean inside(BpmnShape outer, BpmnShape inner) {
        return outer.getBpmnElement() instanceof SubProcess subProcess
                && inner.getBpmnElement().getParentElement() == subProcess;
    }

    private static boolean attached(BpmnShape event, BpmnShape activity) {
        return event.getBpmnElement() instanceof BoundaryEvent boundary
                && (boundary.getAttachedTo() == activity.getBpmnElement()
                || activity.getBpmnElement() instanceof SubProcess
                && boundary.getAttachedTo().getParentElement() == activity.getBpmnElement());
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }
}
