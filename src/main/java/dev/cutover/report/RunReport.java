package dev.cutover.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run did, for the lead watching it and the auditor reading it afterwards: every phase and
 * step with its times and outcome, who decided each task and their notes, incidents and retries,
 * the total time and the measured downtime. Built from the ledger and the engine's history
 * ({@link RunReports}); docs/report.md says where each figure comes from.
 */
public record RunReport(
        String run,
        Instant startedAt,
        Instant endedAt,
        boolean running,
        long totalSeconds,
        List<Phase> phases,
        List<StepLine> steps,
        List<TaskLine> tasks,
        List<IncidentLine> incidents,
        List<Operation> operations,
        Downtime downtime,
        Map<String, String> clock,
        int ledgerEntries,
        Instant generatedAt,
        AsPlanned asPlanned) {

    /**
     * A rehearsal's run at the plan's pace: it ran with the plan's waits divided by
     * {@code cutover.time-scale}, so every time since the run's start is multiplied back by it. Null
     * for a run at the plan's own pace (time-scale 1). Steps and people took real time in the
     * rehearsal, so their share is multiplied too: the figures read as "this rehearsal, at the plan's
     * pace", not as a forecast of each step.
     */
    public record AsPlanned(int timeScale, long totalSeconds, List<Span> phases, List<Span> steps) {}

    /** A phase or a step at the plan's pace: {@code name} is the phase's key for a phase. */
    public record Span(String phase, String name, Instant startedAt, Instant endedAt) {}

    /** The steps with their times at the plan's pace, for the timeline; the steps as they ran without a time scale. */
    public List<StepLine> stepsAtPlansPace() {
        if (asPlanned == null || startedAt == null) {
            return steps;
        }
        return steps.stream().map(step -> new StepLine(step.phase(), step.processInstanceId(), step.activityId(),
                step.name(), step.kind(), atPlansPace(step.startedAt()), atPlansPace(step.endedAt()), step.runs(),
                step.outcome(), step.state(), step.details(), step.retries(), step.incidents(), step.completedBy()))
                .toList();
    }

    /** An instant of the run as it would be at the plan's pace: its time since the run's start, times the scale. */
    public Instant atPlansPace(Instant at) {
        if (at == null || asPlanned == null || startedAt == null) {
            return at;
        }
        return startedAt.plus(Duration.between(startedAt, at).multipliedBy(asPlanned.timeScale()));
    }

    /** One process instance of the run: a day, the whole run ({@code cutover}) or a rollback. */
    public record Phase(String processInstanceId, String key, String name, String calledBy, Instant startedAt,
            Instant endedAt, String state) {}

    /**
     * One step of a phase: every run of one activity (a poll loop runs it many times) from the first
     * start to the last end, or, for what only the ledger knows, its entries' times.
     */
    public record StepLine(String phase, String processInstanceId, String activityId, String name, String kind,
            Instant startedAt, Instant endedAt, int runs, String outcome, String state, List<String> details,
            int retries, int incidents, String completedBy) {

        public long seconds() {
            return startedAt == null || endedAt == null ? 0 : Duration.between(startedAt, endedAt).toSeconds();
        }
    }

    /** A user task: who was asked, who completed it, and what they answered (the ledger's "decided" entry). */
    public record TaskLine(String phase, String processInstanceId, String taskId, String name, String candidateGroups,
            Instant createdAt, Instant endedAt, Instant due, String completedBy, String answer, String state) {}

    /** An incident: the step, the engine's message, when it came and went, and the failed attempts before it. */
    public record IncidentLine(String phase, String processInstanceId, String activityId, String step, String type,
            String message, Instant createdAt, Instant resolvedAt, String state, int failedAttempts) {}

    /** What a person did to the run through the engine (the user operation log), one line per operation. */
    public record Operation(Instant at, String user, String phase, String operation, String entity,
            String properties) {}

    /** The password change's downtime as Day 2 measured it, and where the figure comes from. */
    public record Downtime(Long seconds, String summary, String source) {}
}
