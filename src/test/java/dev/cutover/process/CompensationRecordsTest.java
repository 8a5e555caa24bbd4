package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.step.ForwardStep;
import dev.cutover.step.Undoes;
import dev.cutover.support.CutoverEngineTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An undo finds what its forward step did in the ledger by the forward step's activity id. A model
 * whose activity is renamed (or an undo pointed at the wrong step) would leave an undo reading
 * nothing and undoing nothing, in silence: these tests fail first.
 */
@CutoverEngineTest
class CompensationRecordsTest {

    /** Handlers that are ensures of their own (they read no forward step's record). */
    private static final Set<String> SELF_CONTAINED = Set.of("runPlaybook", "setDatabasePublicAccess",
            "createInterimHerokuUser");

    @Autowired BeanFactory beans;

    @Test
    void everyCompensationHandlerReadsTheRecordsOfTheStepItIsAttachedTo() throws IOException {
        List<String> checked = new ArrayList<>();
        for (BpmnModelInstance model : models()) {
            String phase = model.getModelElementsByType(Process.class).iterator().next().getId();
            for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
                if (boundary.getEventDefinitions().stream().noneMatch(CompensateEventDefinition.class::isInstance)) {
                    continue;
                }
                Activity host = boundary.getAttachedTo();
                Activity handler = handler(model, boundary);
                if (handler instanceof SubProcess undoSteps) {
                    // an undo of several steps: those that read a forward step's records read the host's
                    for (ServiceTask task : undoSteps.getChildElementsByType(ServiceTask.class)) {
                        if (beans.getBean(bean(task)) instanceof Undoes undo) {
                            assertThat(undo.undoes()).as("'%s' undoes '%s' in %s", task.getId(), host.getId(), phase)
                                    .isEqualTo(new ForwardStep(phase, host.getId()));
                            checked.add(phase + "/" + task.getId());
                        }
                    }
                    continue;
                }
                if (!(handler instanceof ServiceTask task)) {
                    continue; // a person's task: the operators put things back by hand
                }
                String bean = bean(task);
                if (SELF_CONTAINED.contains(bean)) {
                    continue;
                }
                assertThat(beans.getBean(bean)).as("the delegate of '%s' in %s", handler.getId(), phase)
                        .isInstanceOf(Undoes.class);
                ForwardStep reads = ((Undoes) beans.getBean(bean)).undoes();
                assertThat(reads).as("'%s' undoes '%s' in %s", handler.getId(), host.getId(), phase)
                        .isEqualTo(new ForwardStep(phase, host.getId()));
                checked.add(phase + "/" + handler.getId());
            }
        }
        assertThat(checked).contains("day-1/pointHerokuBackAtOldBucket", "day-1/pointTwilioBackToHeroku",
                "day-1/pointMailgunBackToHeroku", "day-1/scaleSchedulerProcessBack", "day-1/restoreOldNameRecords",
                "day-2/turnHerokuAppBackOn", "day-2/pointEveryAppAtNewPassword");
    }

    @Test
    void everyUndoInAnyModelReadsAStepThatExistsInItsPhase() throws IOException {
        List<BpmnModelInstance> models = models();
        for (BpmnModelInstance model : models) {
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                if (task.getCamundaDelegateExpression() == null
                        || !(beans.getBean(bean(task)) instanceof Undoes undo)) {
                    continue;
                }
                ForwardStep forward = undo.undoes();
                boolean found = models.stream().anyMatch(phase -> forward.phase().equals(
                        phase.getModelElementsByType(Process.class).iterator().next().getId())
                        && phase.getModelElementById(forward.activityId()) instanceof Activity);
                assertThat(found).as("'%s' reads %s: an activity of that id in that process", task.getId(), forward)
                        .isTrue();
            }
        }
    }

    private static List<BpmnModelInstance> models() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(path -> path.toString().endsWith(".bpmn")).sorted()
                    .map(path -> Bpmn.readModelFromFile(path.toFile())).toList();
        }
    }

    private static Activity handler(BpmnModelInstance model, BoundaryEvent boundary) {
        return model.getModelElementsByType(Association.class).stream()
                .filter(association -> association.getSource() == boundary)
                .map(association -> (Activity) association.getTarget())
                .findFirst().orElseThrow(() -> new AssertionError(boundary.getId() + " has no handler"));
    }

    private static String bean(ServiceTask task) {
        return task.getCamundaDelegateExpression().replaceAll("^\\$\\{|}$", "");
    }
}
