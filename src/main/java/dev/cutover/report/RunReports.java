package dev.cutover.report;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.process.CutoverClock;
import dev.cutover.report.RunReport.Downtime;
import dev.cutover.report.RunReport.IncidentLine;
import dev.cutover.report.RunReport.Operation;
import dev.cutover.report.RunReport.Phase;
import dev.cutover.report.RunReport.StepLine;
import dev.cutover.report.RunReport.TaskLine;
import dev.cutover.step.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Builds a run's report from the ledger ({@link Ledger#entries(String)}) and the engine's history.
 * The queries go per run and per process instance of the run (a handful per phase), never per
 * step, so a run of a thousand ledger entries costs what a run of ten does plus the reading.
 * History is matched to the ledger by process instance and step name (the activity's name).
 */
@Service
public class RunReports {

    /** Activities that are steps of the runbook; events and gateways are the model's wiring. */
    private static final Set<String> STEP_TYPES = Set.of("serviceTask", "userTask", "scriptTask", "sendTask",
            "receiveTask", "businessRuleTask", "manualTask", "task", "callActivity");
    /**
     * The cutover clock's variables: the launch window's end, and the run's last "T-…" (kept only as
     * the report's own reading of it, recomputed now while the run runs).
     */
    static final List<String> CLOCK_VARIABLES = List.of("windowEnd", "timeLeft");
    private static final String DOWNTIME = "downtime";
    private static final String DOWNTIME_SECONDS = "downtimeSeconds";

    private final Ledger ledger;
    private final HistoryService history;
    private final RepositoryService repository;
    private final ApplicationView asApplication;
    private final Clock clock;
    private final int timeScale;

    RunReports(Ledger ledger, HistoryService history, RepositoryService repository, ApplicationView asApplication,
            Clock clock, @Value("${cutover.time-scale:1}") int timeScale) {
        this.ledger = ledger;
        this.history = history;
        this.repository = repository;
        this.asApplication = asApplication;
        this.clock = clock;
        this.timeScale = timeScale;
    }

    /** The run's report; {@link UnknownRunException} when neither the engine nor the ledger knows the run. */
    public RunReport report(String run) {
        return asApplication.read(() -> build(run));
    }

    private RunReport build(String run) {
        List<LedgerEntry> entries = ledger.entries(run);
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(run).orderByProcessInstanceStartTime().asc().list();
        if (instances.isEmpty() && entries.isEmpty()) {
            throw new UnknownRunException(run);
        }
        Map<String, String> phaseOf = new HashMap<>();
        Map<String, String> definitionOf = new HashMap<>();
        List<Phase> phases = new ArrayList<>();
        for (HistoricProcessInstance instance : instances) {
            phaseOf.put(instance.getId(), instance.getProcessDefinitionKey());
            definitionOf.put(instance.getId(), instance.getProcessDefinitionId());
            phases.add(new Phase(instance.getId(), instance.getProcessDefinitionKey(),
                    instance.getProcessDefinitionName(), instance.getSuperProcessInstanceId(),
                    instant(instance.getStartTime()), instant(instance.getEndTime()), phaseState(instance)));
        }
        entries.forEach(entry -> phaseOf.putIfAbsent(entry.processInstanceId(), entry.phase()));

        List<HistoricActivityInstance> activities = new ArrayList<>();
        List<HistoricIncident> incidents = new ArrayList<>();
        List<HistoricJobLog> jobLogs = new ArrayList<>();
        List<UserOperationLogEntry> operations = new ArrayList<>();
        for (HistoricProcessInstance instance : instances) {
            activities.addAll(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                    .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list());
            incidents.addAll(history.createHistoricIncidentQuery().processInstanceId(instance.getId())
                    .orderByCreateTime().asc().list());
            jobLogs.addAll(history.createHistoricJobLogQuery().processInstanceId(instance.getId()).failureLog().list());
            operations.addAll(history.createUserOperationLogQuery().processInstanceId(instance.getId())
                    .orderByTimestamp().asc().list());
        }
        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(run)
                .orderByHistoricActivityInstanceStartTime().asc().list();
        List<HistoricVariableInstance> variables = instances.isEmpty() ? List.of()
                : history.createHistoricVariableInstanceQuery()
                        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
                        .variableNameIn(variableNames()).disableBinaryFetching().list();

        Models models = new Models(repository);
        Map<String, String> completedBy = completers(operations);
        List<StepLine> steps = steps(entries, activities, incidents, jobLogs, tasks, completedBy, phaseOf,
                definitionOf, models);
        List<IncidentLine> incidentLines = incidents(incidents, jobLogs, phaseOf, models);
        List<TaskLine> taskLines = tasks(tasks, entries, completedBy, phaseOf, models);

        Instant started = earliest(phases.stream().map(Phase::startedAt).toList(),
                entries.stream().map(LedgerEntry::recordedAt).toList());
        boolean running = phases.stream().anyMatch(phase -> phase.endedAt() == null);
        Instant ended = running ? null : latest(phases.stream().map(Phase::endedAt).toList(),
                entries.stream().map(LedgerEntry::recordedAt).toList());
        Instant now = clock.instant();
        long total = started == null ? 0 : Duration.between(started, ended == null ? now : ended).toSeconds();
        RunReport report = new RunReport(run, started, ended, running, total, phases, steps, taskLines, incidentLines,
                operations(operations, phaseOf), downtime(entries, variables), clock(variables, running, now), entries.size(), now,
                timeScale > 1 ? new RunReport.AsPlanned(timeScale, total * timeScale, List.of(), List.of()) : null);
        return timeScale > 1 ? atPlansPace(report) : report;
    }

    /** The report with its phases and steps also at the plan's pace (a rehearsal's time scale multiplied back). */
    private static RunReport atPlansPace(RunReport report) {
        List<RunReport.Span> phases = report.phases().stream().map(phase -> new RunReport.Span(phase.key(), phase.key(),
                report.atPlansPace(phase.startedAt()), report.atPlansPace(phase.endedAt()))).toList();
        List<RunReport.Span> steps = report.steps().stream().map(step -> new RunReport.Span(step.phase(), step.name(),
                report.atPlansPace(step.startedAt()), report.atPlansPace(step.endedAt()))).toList();
        RunReport.AsPlanned asPlanned = new RunReport.AsPlanned(report.asPlanned().timeScale(),
                report.asPlanned().totalSeconds(), phases, steps);
        return new RunReport(report.run(), report.startedAt(), report.endedAt(), report.running(),
                report.totalSeconds(), report.phases(), report.steps(), report.tasks(), report.incidents(),
                report.operations(), report.downtime(), report.clock(), report.ledgerEntries(), report.generatedAt(),
                asPlanned);
    }

    private static String[] variableNames() {
        List<String> names = new ArrayList<>(CLOCK_VARIABLES);
        names.add(DOWNTIME);
        names.add(DOWNTIME_SECONDS);
        return names.toArray(String[]::new);
    }

    private List<StepLine> steps(List<LedgerEntry> entries, List<HistoricActivityInstance> activities,
            List<HistoricIncident> incidents, List<HistoricJobLog> jobLogs, List<HistoricTaskInstance> tasks,
            Map<String, String> completedBy, Map<String, String> phaseOf, Map<String, String> definitionOf,
            Models models) {
        Map<String, List<LedgerEntry>> ledgerByStep = entries.stream().collect(Collectors.groupingBy(
                entry -> key(entry.processInstanceId(), stepName(entry.step(), entry.step())), LinkedHashMap::new,
                Collectors.toList()));
        Map<String, List<HistoricActivityInstance>> runsByActivity = activities.stream()
                .filter(activity -> STEP_TYPES.contains(activity.getActivityType()))
                .collect(Collectors.groupingBy(activity -> key(activity.getProcessInstanceId(), activity.getActivityId()),
                        LinkedHashMap::new, Collectors.toList()));
        Map<String, Long> retries = jobLogs.stream().collect(Collectors.groupingBy(
                log -> key(log.getProcessInstanceId(), log.getActivityId()), Collectors.counting()));
        Map<String, List<HistoricIncident>> incidentsByActivity = incidents.stream().collect(Collectors.groupingBy(
                incident -> key(incident.getProcessInstanceId(), incident.getActivityId())));
        Map<String, String> taskCompleter = new HashMap<>();
        for (HistoricTaskInstance task : tasks) {
            String who = completedBy.getOrDefault(task.getId(), task.getAssignee());
            if (who != null) {
                taskCompleter.put(key(task.getProcessInstanceId(), task.getTaskDefinitionKey()), who);
            }
        }
        Set<String> ranActivities = runsByActivity.keySet();

        List<StepLine> steps = new ArrayList<>();
        for (Map.Entry<String, List<HistoricActivityInstance>> group : runsByActivity.entrySet()) {
            List<HistoricActivityInstance> runs = group.getValue();
            HistoricActivityInstance first = runs.get(0);
            String processInstanceId = first.getProcessInstanceId();
            String name = stepName(first.getActivityName(), first.getActivityId());
            List<LedgerEntry> recorded = ledgerByStep.remove(key(processInstanceId, name));
            recorded = recorded == null ? List.of() : recorded;
            boolean unfinished = runs.stream().anyMatch(run -> run.getEndTime() == null);
            Instant end = unfinished ? null : runs.stream().map(run -> instant(run.getEndTime()))
                    .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            List<HistoricIncident> ownIncidents = incidentsByActivity.getOrDefault(group.getKey(), List.of());
            boolean openIncident = ownIncidents.stream().anyMatch(HistoricIncident::isOpen);
            boolean canceled = !unfinished && runs.get(runs.size() - 1).isCanceled();
            String compensatedBy = models.compensatedBy(first.getProcessDefinitionId(), first.getActivityId());
            boolean compensated = compensatedBy != null && ranActivities.contains(key(processInstanceId, compensatedBy));
            Outcome last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1).outcome();
            String kind = models.isCompensationHandler(first.getProcessDefinitionId(), first.getActivityId())
                    ? "compensation" : kind(first.getActivityType());
            steps.add(new StepLine(phaseOf.get(processInstanceId), processInstanceId, first.getActivityId(), name, kind,
                    instant(first.getStartTime()), end, runs.size(),
                    outcome(last, compensated, unfinished, canceled, first.getActivityType()),
                    state(last, compensated, unfinished, canceled, openIncident, first.getActivityType()),
                    recorded.stream().map(LedgerEntry::detail).filter(Objects::nonNull).toList(),
                    retries.getOrDefault(group.getKey(), 0L).intValue(), ownIncidents.size(),
                    taskCompleter.get(group.getKey())));
        }
        // what only the ledger knows: a step whose every attempt failed before it began (an async step in an
        // incident leaves no activity instance), of a process whose history was cleaned up, or recorded outside one
        for (List<LedgerEntry> recorded : ledgerByStep.values()) {
            LedgerEntry first = recorded.get(0);
            LedgerEntry last = recorded.get(recorded.size() - 1);
            String definitionId = definitionOf.get(first.processInstanceId());
            String activityId = definitionId == null ? null : models.activityId(definitionId, first.step());
            String key = key(first.processInstanceId(), activityId);
            List<HistoricIncident> ownIncidents = activityId == null ? List.of()
                    : incidentsByActivity.getOrDefault(key, List.of());
            long failures = recorded.stream().filter(entry -> entry.outcome() == Outcome.FAILED).count();
            long attempts = activityId != null && retries.containsKey(key) ? retries.get(key)
                    : last.outcome() == Outcome.FAILED ? failures - 1 : failures;
            steps.add(new StepLine(first.phase(), first.processInstanceId(), activityId, first.step(),
                    activityId == null ? "ledger" : "automated", first.recordedAt(), last.recordedAt(),
                    recorded.size(), last.outcome().label(),
                    state(last.outcome(), false, false, false, ownIncidents.stream().anyMatch(HistoricIncident::isOpen),
                            null),
                    recorded.stream().map(LedgerEntry::detail).filter(Objects::nonNull).toList(),
                    (int) attempts, ownIncidents.size(), null));
        }
        steps.sort(Comparator.comparing(StepLine::startedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return steps;
    }

    private static String outcome(Outcome last, boolean compensated, boolean unfinished, boolean canceled,
            String activityType) {
        if (last != null && (last == Outcome.UNDONE || last == Outcome.COMPENSATED || !compensated)) {
            return last.label();
        }
        if (compensated) {
            return Outcome.COMPENSATED.label();
        }
        if (unfinished) {
            return "userTask".equals(activityType) ? "waiting" : "running";
        }
        return canceled ? "canceled" : "done";
    }

    private static String state(Outcome last, boolean compensated, boolean unfinished, boolean canceled,
            boolean openIncident, String activityType) {
        if (openIncident) {
            return "failed";
        }
        if (unfinished) {
            return "userTask".equals(activityType) ? "waiting" : "running";
        }
        if (last == Outcome.UNDONE) {
            return "undone";
        }
        if (compensated || last == Outcome.COMPENSATED) {
            return "compensated";
        }
        if (last == Outcome.FAILED) {
            return "failed";
        }
        return canceled ? "canceled" : "done";
    }

    private static String kind(String activityType) {
        return switch (activityType) {
            case "userTask" -> "person";
            case "callActivity" -> "phase";
            default -> "automated";
        };
    }

    private List<IncidentLine> incidents(List<HistoricIncident> incidents, List<HistoricJobLog> jobLogs,
            Map<String, String> phaseOf, Models models) {
        Map<String, Long> failuresByJob = jobLogs.stream().filter(log -> log.getJobId() != null)
                .collect(Collectors.groupingBy(HistoricJobLog::getJobId, Collectors.counting()));
        return incidents.stream().map(incident -> new IncidentLine(phaseOf.get(incident.getProcessInstanceId()),
                incident.getProcessInstanceId(), incident.getActivityId(),
                models.name(incident.getProcessDefinitionId(), incident.getActivityId()),
                incident.getIncidentType(), incident.getIncidentMessage(), instant(incident.getCreateTime()),
                instant(incident.getEndTime()),
                incident.isOpen() ? "open" : incident.isResolved() ? "resolved" : "deleted",
                failuresByJob.getOrDefault(incident.getConfiguration(), 0L).intValue())).toList();
    }

    /**
     * The run's user tasks. A task's answer is the ledger's "decided" entry of its process and name
     * (approved or not, the decision, by whom, the notes), matched in the order the tasks ended.
     */
    private List<TaskLine> tasks(List<HistoricTaskInstance> tasks, List<LedgerEntry> entries,
            Map<String, String> completedBy, Map<String, String> phaseOf, Models models) {
        Map<String, Deque<LedgerEntry>> decided = new HashMap<>();
        entries.stream().filter(entry -> entry.outcome() == Outcome.DECIDED).forEach(entry -> decided
                .computeIfAbsent(key(entry.processInstanceId(), stepName(entry.step(), entry.step())),
                        k -> new ArrayDeque<>()).add(entry));
        Map<String, String> answers = new HashMap<>();
        tasks.stream().filter(task -> task.getEndTime() != null && task.getDeleteReason() != null
                        && task.getDeleteReason().equals("completed"))
                .sorted(Comparator.comparing(HistoricTaskInstance::getEndTime))
                .forEach(task -> {
                    Deque<LedgerEntry> left = decided.get(key(task.getProcessInstanceId(),
                            stepName(task.getName(), task.getTaskDefinitionKey())));
                    if (left != null && !left.isEmpty()) {
                        answers.put(task.getId(), left.poll().detail());
                    }
                });
        return tasks.stream().map(task -> new TaskLine(phaseOf.get(task.getProcessInstanceId()),
                task.getProcessInstanceId(), task.getId(), stepName(task.getName(), task.getTaskDefinitionKey()),
                models.candidateGroups(task.getProcessDefinitionId(), task.getTaskDefinitionKey()),
                instant(task.getStartTime()), instant(task.getEndTime()), instant(task.getDueDate()),
                task.getEndTime() == null ? null : completedBy.getOrDefault(task.getId(), task.getAssignee()),
                answers.get(task.getId()),
                task.getEndTime() == null ? "open" : String.valueOf(task.getDeleteReason()))).toList();
    }

    /** Who completed each task, from the user operation log (set when the engine knew the caller). */
    private static Map<String, String> completers(List<UserOperationLogEntry> operations) {
        Map<String, String> completers = new HashMap<>();
        operations.stream()
                .filter(entry -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType())
                        && entry.getTaskId() != null && entry.getUserId() != null)
                .forEach(entry -> completers.put(entry.getTaskId(), entry.getUserId()));
        return completers;
    }

    private static List<Operation> operations(List<UserOperationLogEntry> entries, Map<String, String> phaseOf) {
        Map<String, List<UserOperationLogEntry>> byOperation = entries.stream().collect(Collectors.groupingBy(
                entry -> entry.getOperationId() == null ? entry.getId() : entry.getOperationId(),
                LinkedHashMap::new, Collectors.toList()));
        List<Operation> operations = new ArrayList<>();
        byOperation.values().forEach(group -> {
            UserOperationLogEntry first = group.get(0);
            String properties = group.stream().filter(entry -> entry.getProperty() != null)
                    .map(entry -> entry.getProperty() + (entry.getNewValue() == null ? "" : "=" + entry.getNewValue()))
                    .collect(Collectors.joining(", "));
            operations.add(new Operation(instant(first.getTimestamp()), first.getUserId(),
                    phaseOf.get(first.getProcessInstanceId()), first.getOperationType(), first.getEntityType(),
                    properties));
        });
        operations.sort(Comparator.comparing(Operation::at, Comparator.nullsLast(Comparator.naturalOrder())));
        return operations;
    }

    /**
     * Day 2's measured downtime: the ledger's entry that carries {@code downtimeSeconds} (written by
     * "Measure the downtime"), else the process variable {@code downtime}.
     */
    private static Downtime downtime(List<LedgerEntry> entries, List<HistoricVariableInstance> variables) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            LedgerEntry entry = entries.get(i);
            String seconds = entry.undo().get(DOWNTIME_SECONDS);
            if (seconds != null) {
                return new Downtime(Long.valueOf(seconds), entry.detail(), "ledger: " + entry.step());
            }
        }
        Map<String, Object> latest = latestValues(variables);
        if (latest.containsKey(DOWNTIME) || latest.containsKey(DOWNTIME_SECONDS)) {
            Object seconds = latest.get(DOWNTIME_SECONDS);
            return new Downtime(seconds instanceof Number number ? number.longValue() : null,
                    Objects.toString(latest.get(DOWNTIME), null), "process variable " + DOWNTIME);
        }
        return null;
    }

    /**
     * The launch window's end and, while the run runs, the time left in it as of now ("T-2h 13m";
     * "T+0h 05m" once past it). An ended run has no time left: only the window's end is shown.
     */
    private static Map<String, String> clock(List<HistoricVariableInstance> variables, boolean running, Instant now) {
        Map<String, String> clock = new LinkedHashMap<>();
        Object end = latestValues(variables).get("windowEnd");
        if (end instanceof Date date) {
            clock.put("launch window ends", date.toInstant().toString());
            if (running) {
                clock.put("time left", CutoverClock.timeLeft(Duration.between(now, date.toInstant())));
            }
        }
        return clock;
    }

    private static Map<String, Object> latestValues(List<HistoricVariableInstance> variables) {
        Map<String, Object> latest = new HashMap<>();
        variables.stream()
                .sorted(Comparator.comparing(HistoricVariableInstance::getCreateTime,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(variable -> latest.put(variable.getName(), variable.getValue()));
        return latest;
    }

    private static String phaseState(HistoricProcessInstance instance) {
        return switch (String.valueOf(instance.getState())) {
            case HistoricProcessInstance.STATE_ACTIVE -> "running";
            case HistoricProcessInstance.STATE_SUSPENDED -> "suspended";
            case HistoricProcessInstance.STATE_COMPLETED -> "done";
            case HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED -> "canceled";
            case HistoricProcessInstance.STATE_INTERNALLY_TERMINATED -> "ended early";
            default -> String.valueOf(instance.getState()).toLowerCase();
        };
    }

    /** The activity's name as steps write it to the ledger (whitespace folded), else its id. */
    static String stepName(String name, String id) {
        return name == null ? id : name.replaceAll("\\s+", " ").trim();
    }

    private static String key(String processInstanceId, String step) {
        return processInstanceId + "\u0000" + step;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Instant earliest(List<Instant> some, List<Instant> others) {
        return java.util.stream.Stream.concat(some.stream(), others.stream()).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    private static Instant latest(List<Instant> some, List<Instant> others) {
        return java.util.stream.Stream.concat(some.stream(), others.stream()).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }
}
