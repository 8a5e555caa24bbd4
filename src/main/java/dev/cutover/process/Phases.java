package dev.cutover.process;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * The phases of a run in the runbook's order, and how a phase's instance ended, read from the
 * engine's history: the end events it reached. A phase ends rolled back at an end event whose id
 * says so ({@code day1RolledBackOnRequest}), stopped short at one that says it stopped or was not
 * ready ({@code day2StoppedAtTraffic}, {@code notReadyForDay0}), and done at any other.
 */
public final class Phases {

    /** The whole run, which calls the phases in order. */
    public static final String CUTOVER = "cutover";
    public static final List<String> ORDER = List.of("before-day-0", "day-0", "day-1", "day-2");

    /** How a phase's instance stands or ended, as the run routes on it ({@code phaseEnding}). */
    public enum Ending {
        DONE("done"), ROLLED_BACK("rolled back"), STOPPED("stopped"), RUNNING("running"), CANCELLED("cancelled");

        private final String label;

        Ending(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private Phases() {
    }

    /** The phase that must have completed before this one, or empty for the first. */
    public static Optional<String> before(String phase) {
        int index = ORDER.indexOf(phase);
        return index <= 0 ? Optional.empty() : Optional.of(ORDER.get(index - 1));
    }

    /** How the given instance of a phase stands: running, or how it ended. */
    public static Ending ending(HistoryService history, HistoricProcessInstance instance) {
        if (instance.getEndTime() == null) {
            return Ending.RUNNING;
        }
        if (HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED.equals(instance.getState())) {
            return Ending.CANCELLED;
        }
        return byEndEvents(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .finished().list().stream()
                .filter(activity -> activity.getActivityType() != null && activity.getActivityType().endsWith("EndEvent"))
                .map(HistoricActivityInstance::getActivityId)
                .toList());
    }

    /** How an ended phase ended, by the ids of the end events its instance reached. */
    public static Ending byEndEvents(List<String> endEventIds) {
        List<String> ends = endEventIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList();
        if (ends.stream().anyMatch(id -> id.contains("rolledback"))) {
            return Ending.ROLLED_BACK;
        }
        if (ends.stream().anyMatch(id -> id.contains("stopped") || id.contains("notready"))) {
            return Ending.STOPPED;
        }
        return Ending.DONE;
    }

    /**
     * The run's latest instance of a phase: a running one if any, else the one that ended last
     * (a phase may have run again after a rollback).
     */
    public static Optional<HistoricProcessInstance> latest(HistoryService history, String phase, String run) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(phase).processInstanceBusinessKey(run).list();
        Optional<HistoricProcessInstance> running = instances.stream().filter(i -> i.getEndTime() == null).findFirst();
        if (running.isPresent()) {
            return running;
        }
        return instances.stream().max(Comparator.comparing(HistoricProcessInstance::getEndTime, Date::compareTo)
                .thenComparing(HistoricProcessInstance::getStartTime, Date::compareTo));
    }
}
