package dev.cutover.live;

import dev.cutover.report.ApplicationView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/** The runs the engine knows, newest first: each business key with its phases. */
@Component
class RunList {

    /** Enough for every run of a team's rehearsals; older ones stay reachable by their address. */
    private static final int LATEST_PHASES = 2000;

    private final HistoryService history;
    private final ApplicationView asApplication;

    RunList(HistoryService history, ApplicationView asApplication) {
        this.history = history;
        this.asApplication = asApplication;
    }

    record Run(String key, Instant startedAt, boolean running, List<String> phases) {}

    List<Run> runs() {
        List<HistoricProcessInstance> instances = asApplication.read(() -> history.createHistoricProcessInstanceQuery()
                .orderByProcessInstanceStartTime().desc().listPage(0, LATEST_PHASES));
        Map<String, List<HistoricProcessInstance>> byRun = new LinkedHashMap<>();
        instances.stream().filter(instance -> instance.getBusinessKey() != null)
                .forEach(instance -> byRun.computeIfAbsent(instance.getBusinessKey(), key -> new ArrayList<>()).add(instance));
        List<Run> runs = new ArrayList<>();
        byRun.forEach((key, phases) -> {
            List<HistoricProcessInstance> oldestFirst = new ArrayList<>(phases);
            Collections.reverse(oldestFirst);
            runs.add(new Run(key, oldestFirst.get(0).getStartTime().toInstant(),
                    phases.stream().anyMatch(phase -> phase.getEndTime() == null),
                    oldestFirst.stream().map(HistoricProcessInstance::getProcessDefinitionKey).distinct().toList()));
        });
        return runs;
    }
}
