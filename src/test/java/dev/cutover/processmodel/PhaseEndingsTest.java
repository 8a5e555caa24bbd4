package dev.cutover.processmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.process.Phases;
import dev.cutover.process.Phases.Ending;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;

/**
 * The whole run reads how a phase ended from the id of the end event it reached: every end event
 * of a phase that ends its instance says, by its id, whether the phase is done, rolled back or
 * stopped short. A new end event named otherwise fails here before it misleads a run.
 */
class PhaseEndingsTest {

    @Test
    void everyEndOfAPhaseSaysHowThePhaseEnded() {
        Map<String, Ending> endings = new TreeMap<>();
        for (String phase : Phases.ORDER) {
            Bpmn.readModelFromFile(Path.of("processes", phase + ".bpmn").toFile())
                    .getModelElementsByType(EndEvent.class).stream()
                    .filter(end -> !(end.getParentElement() instanceof SubProcess sub) || sub.triggeredByEvent())
                    .forEach(end -> endings.put(phase + "/" + end.getId(), Phases.byEndEvents(List.of(end.getId()))));
        }

        assertThat(endings).containsOnly(
                Map.entry("before-day-0/notReadyForDay0", Ending.STOPPED),
                Map.entry("before-day-0/readyForDay0", Ending.DONE),
                Map.entry("day-0/day0Done", Ending.DONE),
                Map.entry("day-0/day0RolledBackOnRequest", Ending.ROLLED_BACK),
                Map.entry("day-1/day1Done", Ending.DONE),
                Map.entry("day-1/day1RolledBack", Ending.ROLLED_BACK),
                Map.entry("day-1/day1RolledBackLateSite", Ending.ROLLED_BACK),
                Map.entry("day-1/day1RolledBackOnRequest", Ending.ROLLED_BACK),
                Map.entry("day-2/day2Done", Ending.DONE),
                Map.entry("day-2/day2RolledBack", Ending.ROLLED_BACK),
                Map.entry("day-2/day2RolledBackOnRequest", Ending.ROLLED_BACK),
                Map.entry("day-2/day2StoppedAtTraffic", Ending.STOPPED),
                Map.entry("day-2/day2StoppedDnsLate", Ending.STOPPED),
                Map.entry("day-2/oldBucketKept", Ending.DONE),
                Map.entry("day-2/oldBucketKeptBehind", Ending.DONE));
    }
}
