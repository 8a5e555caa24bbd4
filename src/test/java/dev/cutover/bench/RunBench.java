package dev.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.CutoverApplication;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole cutover run (Before Day 0, Day 0, Day 1, the wait for Day 2, Day 2) on the application as
 * it runs, its job executor on, with every user task completed over REST as soon as it appears by a
 * user of the task's group (olivia for the operators, leo for the leads). Afterwards, optionally, the
 * rollback paths of that run. The engine's history (ACT_HI_ACTINST, ACT_HI_JOB_LOG) then says where
 * the time went: the wall time of each process instance, the gap between a step's start and the end
 * of the step before it in the same instance, how late each due timer and each completed user task
 * was picked up. Not a JUnit test: bench/engine.sh runs it with the configuration of each benchmark
 * (the arguments are Spring's).
 *
 * <p>System properties: {@code bench.name} (the result's file name), {@code bench.out}
 * (target/bench), {@code bench.rollbacks} (rollback paths to run after Day 2, in order, e.g.
 * {@code rollback-data-corrupted}), {@code bench.rollbackAt} (a task of the run, e.g. {@code makeReallySure}:
 * when it appears, the lead requests a rollback instead of answering it, confirms it, and the run ends
 * rolled back along the advisor's path), {@code bench.idle} (an ISO duration the engine sits idle at
 * the wait for Day 2 before its clock moves on to the Day 2 timer), {@code bench.timeout} (PT15M).
 */
public final class RunBench {

    private static final String PASSWORD = "bench-admin-password";
    private static final Map<String, String> GROUP_USER = Map.of(
            "cutover-operators", "olivia", "cutover-leads", "leo");
    /** The forward answer of each task that takes a decision. */
    private static final Map<String, String> DECISIONS = Map.of("goForDay0", "go", "goForDay1", "go",
            "makeReallySure", "go", "confirmHerokuOff", "turn-off");
    /** The kinds of activity that are a step of the runbook (not a gateway, an event or a scope). */
    private static final Set<String> STEP_TYPES = Set.of("serviceTask", "userTask", "callActivity", "sendTask",
            "scriptTask", "businessRuleTask", "receiveTask", "manualTask", "task");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final ConfigurableApplicationContext app;
    private final StringBuilder report = new StringBuilder();
    /** When the harness completed each user task (its REST call returned), by task id. */
    private final Map<String, Instant> completedAt = new HashMap<>();
    private Duration clockOffset = Duration.ZERO;
    /** When the lead requested a rollback ({@code bench.rollbackAt}), or null. */
    private Instant rollbackRequestedAt;
    /** The tasks whose completion the engine refused once as a concurrent update (and that were tried again). */
    private final List<String> concurrentUpdates = new ArrayList<>();

    private RunBench(int port, ConfigurableApplicationContext app) {
        this.port = port;
        this.app = app;
    }

    public static void main(String[] args) throws Exception {
        String name = System.getProperty("bench.name", "run");
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        int port = Integer.getInteger("bench.port", freePort());
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--cutover.rehearsal.dns-port=" + Integer.getInteger("bench.dnsPort", freeUdpPort()),
                "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "--cutover.access.admin-password=" + PASSWORD,
                "--cutover.rehearsal.seal-key-file=" + Files.createTempDirectory("run-bench").resolve("key"),
                "--logging.level.root=WARN", "--logging.level.dev.cutover=WARN"));
        arguments.addAll(Arrays.asList(args));
        String load = loadAverage();
        long started = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplication(CutoverApplication.class)
                .run(arguments.toArray(String[]::new));
        double startSeconds = (System.nanoTime() - started) / 1e9;
        RunBench bench = new RunBench(port, app);
        try {
            bench.report.append("# ").append(name).append("\n\n")
                    .append("arguments: `").append(String.join(" ", args)).append("`\n\n")
                    .append(String.format(Locale.ROOT, "application ready in %.1f s; load average at the start %s%n%n",
                            startSeconds, load));
            bench.people();
            int warmups = Integer.getInteger("bench.warmups", 0);
            for (int i = 1; i <= warmups; i++) {
                Duration cold = bench.wholeRun("warm-up-" + i, Duration.parse(System.getProperty("bench.timeout", "PT15M")));
                bench.report.append(String.format(Locale.ROOT, "untimed warm-up run %d (a fresh JVM's first run): %.2f s"
                        + " wall%n%n", i, cold.toMillis() / 1000.0));
                bench.completedAt.clear();
                // the timed run finds the world as the runbook does, not as the warm-up left it
                app.getBean(dev.cutover.rehearsal.WorldStore.class).reset();
            }
            bench.run("bench-" + name);
            bench.report.append("\nload average at the end: ").append(loadAverage()).append('\n');
            Files.writeString(out.resolve(name + ".md"), bench.report);
            System.out.print(bench.report);
        } finally {
            ClockUtil.reset();
            app.close();
        }
    }

    private void people() {
        IdentityService identity = app.getBean(IdentityService.class);
        GROUP_USER.forEach((group, user) -> {
            var person = identity.newUser(user);
            person.setPassword(user + "-bench-password");
            identity.saveUser(person);
            identity.createMembership(user, group);
        });
    }

    private void run(String run) throws Exception {
        Duration timeout = Duration.parse(System.getProperty("bench.timeout", "PT15M"));
        Duration idle = Duration.parse(System.getProperty("bench.idle", "PT0S"));
        List<String> rollbacks = System.getProperty("bench.rollbacks", "").isBlank() ? List.of()
                : List.of(System.getProperty("bench.rollbacks").split(","));
        HistoryService history = app.getBean(HistoryService.class);

        Duration wall = wholeRun(run, timeout);
        report.append(String.format(Locale.ROOT, "**whole run: %.2f s wall** (from the REST start to the run's end)%n%n",
                wall.toMillis() / 1000.0));
        if (rollbackRequestedAt != null) {
            // the run ended rolled back; the advisor goes on along the path it chose
            Instant stop = Instant.now().plus(timeout);
            while (history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(run).unfinished().count() > 0) {
                check(stop, run);
                for (JsonNode task : get("leo", "/engine-rest/task?processInstanceBusinessKey=" + run)) {
                    complete(task);
                }
                Thread.sleep(10);
            }
            report.append(String.format(Locale.ROOT, "**from the lead's rollback request to the advisor's end: %.2f s"
                    + " wall**%n%n", Duration.between(rollbackRequestedAt, Instant.now()).toMillis() / 1000.0));
        }

        for (String path : rollbacks) {
            Instant pathStart = Instant.now();
            post("leo", "/engine-rest/process-definition/key/" + path + "/start", Map.of("businessKey", run));
            Instant stop = Instant.now().plus(timeout);
            while (history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(run).unfinished().count() > 0) {
                check(stop, run);
                for (JsonNode task : get("leo", "/engine-rest/task?processInstanceBusinessKey=" + run)) {
                    complete(task);
                }
                Thread.sleep(10);
            }
            report.append(String.format(Locale.ROOT, "**%s, with what it calls: %.2f s wall**%n%n", path,
                    Duration.between(pathStart, Instant.now()).toMillis() / 1000.0));
        }
        if (Boolean.getBoolean("bench.report")) {
            asTheReportShowsIt(run);
        }
        analyse(history, run);
        report.append("\ntask completions refused as a concurrent update and tried again (all runs of this JVM): ")
                .append(concurrentUpdates.isEmpty() ? "none" : concurrentUpdates).append('\n');
    }

    /** The whole run over REST, every task completed as it appears, Day 2 started by its timer. */
    private Duration wholeRun(String run, Duration timeout) throws Exception {
        HistoryService history = app.getBean(HistoryService.class);
        Duration idle = Duration.parse(System.getProperty("bench.idle", "PT0S"));
        Instant wallStart = Instant.now();
        JsonNode started = post("leo", "/engine-rest/process-definition/key/cutover/start",
                Map.of("businessKey", run));
        String runId = started.path("id").asText();
        boolean idled = idle.isZero() || run.startsWith("warm-up");
        Instant giveUp = Instant.now().plus(timeout);
        while (!ended(history, runId)) {
            check(giveUp, run);
            for (JsonNode task : get("leo", "/engine-rest/task?processInstanceBusinessKey=" + run)) {
                String key = task.path("taskDefinitionKey").asText();
                if (key.equals("waitForDay2") && Boolean.getBoolean("bench.day2Now")) {
                    complete(task); // the lead's "go now"
                    continue;
                }
                if (key.equals(System.getProperty("bench.rollbackAt"))) {
                    if (rollbackRequestedAt == null && !run.startsWith("warm-up")) {
                        requestRollback(run, key);
                    }
                    continue; // the phase stops for the rollback: this task is cancelled, never answered
                }
                if (key.equals("waitForDay2")) {
                    if (!idled) {
                        idled = true;
                        idleThenMoveClockToDay2(runId);
                    }
                    continue; // Day 2 starts by its timer
                }
                complete(task);
            }
            Thread.sleep(10);
        }
        return Duration.between(wallStart, Instant.now());
    }

    /**
     * The lead requests a rollback over REST (message RollbackRequested, the run's business key) while
     * the run waits at {@code task}; the advisor then asks the lead to confirm, which the harness does
     * as it completes every task (approved).
     */
    private void requestRollback(String run, String task) throws Exception {
        rollbackRequestedAt = Instant.now();
        post("leo", "/engine-rest/message", Map.of("messageName", "RollbackRequested", "businessKey", run,
                "processVariables", Map.of("reason", Map.of("value", "the lead stops the run at " + task))));
        report.append("the lead requested a rollback (RollbackRequested) at ").append(task).append("\n\n");
    }

    /**
     * At the wait for Day 2: the engine sits idle for {@code bench.idle} (its job executor backed off
     * to its longest wait), then its clock moves on to the Day 2 timer's due date, as after a night.
     */
    private void idleThenMoveClockToDay2(String runId) throws InterruptedException {
        Duration idle = Duration.parse(System.getProperty("bench.idle", "PT0S"));
        var management = app.getBean(org.camunda.bpm.engine.ManagementService.class);
        Thread.sleep(idle.toMillis());
        var timer = management.createJobQuery().processInstanceId(runId).timers().activityId("day2Time").singleResult();
        Duration ahead = Duration.between(ClockUtil.now().toInstant(), timer.getDuedate().toInstant());
        if (!ahead.isNegative() && !ahead.isZero()) {
            clockOffset = ahead;
            ClockUtil.offset(ahead.toMillis());
        }
        report.append(String.format(Locale.ROOT, "idle at the wait for Day 2: %s real, then the engine's clock moved"
                + " %s ahead to the Day 2 timer%n%n", idle, ahead));
    }

    private void complete(JsonNode task) throws Exception {
        String id = task.path("id").asText();
        if (completedAt.containsKey(id)) {
            return;
        }
        String user = "leo";
        for (JsonNode link : get("leo", "/engine-rest/task/" + id + "/identity-links?type=candidate")) {
            if ("cutover-operators".equals(link.path("groupId").asText())) {
                user = "olivia";
            }
        }
        String key = task.path("taskDefinitionKey").asText();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("approved", Map.of("value", true));
        if (DECISIONS.containsKey(key)) {
            variables.put("decision", Map.of("value", DECISIONS.get(key)));
        }
        if (key.equals("pickCleanSnapshot")) {
            JsonNode snapshots = get("leo", "/engine-rest/task/" + id + "/variables/cleanSnapshots");
            String text = snapshots.path("value").asText();
            java.util.regex.Matcher first = java.util.regex.Pattern.compile("([a-z0-9][a-z0-9-]+-day-1[a-z0-9-]*)")
                    .matcher(text);
            variables.put("snapshot", Map.of("value", first.find() ? first.group(1) : text.lines().findFirst().orElse("")));
        }
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            response = http.send(request(user, "/engine-rest/task/" + id + "/complete")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("variables", variables))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204 || !response.body().contains("updated by another transaction concurrently")) {
                break;
            }
            // as a person in Tasklist would: the engine refused a concurrent update, try again
            concurrentUpdates.add(key);
            Thread.sleep(50);
        }
        if (response.statusCode() != 204) {
            throw new IllegalStateException("completing " + key + " as " + user + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        completedAt.put(id, Instant.now());
    }

    private void check(Instant giveUp, String run) {
        if (Instant.now().isAfter(giveUp)) {
            var runtime = app.getBean(org.camunda.bpm.engine.RuntimeService.class);
            var management = app.getBean(org.camunda.bpm.engine.ManagementService.class);
            StringBuilder where = new StringBuilder();
            runtime.createProcessInstanceQuery().processInstanceBusinessKey(run).list().forEach(instance -> where
                    .append(instance.getProcessDefinitionId()).append(" at ")
                    .append(runtime.getActiveActivityIds(instance.getId())).append("; incidents ")
                    .append(runtime.createIncidentQuery().processInstanceId(instance.getId()).list().stream()
                            .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList())
                    .append("; jobs ").append(management.createJobQuery().processInstanceId(instance.getId()).count())
                    .append('\n'));
            throw new IllegalStateException("run " + run + " did not end in time:\n" + where);
        }
    }

    private static boolean ended(HistoryService history, String id) {
        return history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1;
    }

    /** The run's audit report (JSON), as a lead fetches it: its total time and its phases, as run and at the plan's pace. */
    private void asTheReportShowsIt(String run) throws Exception {
        Instant asked = Instant.now();
        JsonNode json = get("leo", "/api/runs/" + run + "/report");
        long took = Duration.between(asked, Instant.now()).toMillis();
        JsonNode asPlanned = json.path("asPlanned");
        report.append(String.format(Locale.ROOT, "The report (/api/runs/%s/report, %d ms): total %s as run; at the plan's"
                + " pace (time scale %s) **%s**%n%n", run, took, hms(json.path("totalSeconds").asLong()),
                asPlanned.path("timeScale").asText("none"), asPlanned.isMissingNode() || asPlanned.isNull() ? "not shown"
                        : hms(asPlanned.path("totalSeconds").asLong())));
        report.append("| phase | as run | at the plan's pace (the report's asPlanned) |\n|---|---:|---:|\n");
        for (int i = 0; i < json.path("phases").size(); i++) {
            JsonNode phase = json.path("phases").get(i);
            JsonNode planned = asPlanned.path("phases").path(i);
            report.append("| ").append(phase.path("key").asText()).append(" | ")
                    .append(span(phase.path("startedAt"), phase.path("endedAt"))).append(" | ")
                    .append(span(planned.path("startedAt"), planned.path("endedAt"))).append(" |\n");
        }
        report.append('\n');
    }

    private static String span(JsonNode from, JsonNode to) {
        if (!from.isTextual() || !to.isTextual()) {
            return "";
        }
        return hms(Duration.between(Instant.parse(from.asText()), Instant.parse(to.asText())).toSeconds());
    }

    private static String hms(long seconds) {
        return String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    // --- what the history says -------------------------------------------------------------------

    private void analyse(HistoryService history, String run) throws Exception {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(run).orderByProcessInstanceStartTime().asc().list();
        report.append("| process | state | wall s | waiting for people s | waiting on timers s | steps |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        List<Gap> gaps = new ArrayList<>();
        List<Gap> userPickups = new ArrayList<>();
        Map<String, List<HistoricActivityInstance>> byInstance = new LinkedHashMap<>();
        for (HistoricProcessInstance instance : instances) {
            List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId()).list();
            byInstance.put(instance.getId(), activities);
            long people = activities.stream().filter(a -> a.getActivityType().equals("userTask") && a.getEndTime() != null)
                    .mapToLong(a -> a.getDurationInMillis()).sum();
            long timers = activities.stream().filter(a -> a.getActivityType().toLowerCase(Locale.ROOT).contains("timer")
                    && a.getEndTime() != null).mapToLong(a -> a.getDurationInMillis()).sum();
            long steps = activities.stream().filter(a -> STEP_TYPES.contains(a.getActivityType())).count();
            report.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %d |%n",
                    instance.getProcessDefinitionKey(), instance.getState(),
                    instance.getDurationInMillis() == null ? -1 : instance.getDurationInMillis() / 1000.0,
                    people / 1000.0, timers / 1000.0, steps));
            gaps.addAll(gaps(instance, activities));
            userPickups.addAll(afterUserTasks(instance, activities, successors(instance.getProcessDefinitionId())));
        }
        List<Gap> timerPickups = timerPickups(history, byInstance);
        long callMillis = Long.getLong("bench.callMillis", 0);
        if (callMillis > 0) {
            criticalPaths(instances, byInstance, callMillis);
        }

        report.append("\n").append(stats("gap from the previous step's end to a step's start (every activity)", gaps));
        report.append(stats("due timer to the next step's start", timerPickups));
        report.append(stats("completed user task to the next step's start", userPickups));
        report.append("\nThe 15 largest gaps:\n\n| ms | process | step | after |\n|---:|---|---|---|\n");
        gaps.stream().sorted(Comparator.comparingLong(Gap::millis).reversed()).limit(15).forEach(gap -> report.append(
                String.format(Locale.ROOT, "| %d | %s | %s | %s |%n", gap.millis(), gap.process(), gap.step(), gap.after())));
        if (!timerPickups.isEmpty()) {
            report.append("\nTimer pick-ups, the largest:\n\n| ms | process | timer | next step |\n|---:|---|---|---|\n");
            timerPickups.stream().sorted(Comparator.comparingLong(Gap::millis).reversed()).limit(10).forEach(gap ->
                    report.append(String.format(Locale.ROOT, "| %d | %s | %s | %s |%n", gap.millis(), gap.process(),
                            gap.after(), gap.step())));
        }
        Files.writeString(Path.of(System.getProperty("bench.out", "target/bench"))
                .resolve(System.getProperty("bench.name", "run") + "-activities.tsv"), activitiesTsv(instances, byInstance));
    }

    /**
     * Each instance's wall time (less the time its user tasks waited for the harness) against its
     * critical path from the model, every service step weighing one simulated call.
     */
    private void criticalPaths(List<HistoricProcessInstance> instances,
            Map<String, List<HistoricActivityInstance>> byInstance, long callMillis) {
        var repository = app.getBean(org.camunda.bpm.engine.RepositoryService.class);
        Map<String, Long> pathOf = new HashMap<>();
        Map<String, Long> oneCallPathOf = new HashMap<>();
        report.append(String.format(Locale.ROOT, "%nCritical path, every simulated call %d ms. A service step weighs"
                + " the calls it made (its time divided by %d ms, rounded down), a call activity its called"
                + " instance's path; user tasks, timers and gateways nothing. 'one call a step' weighs every"
                + " service step one call, as the model alone would say:%n%n", callMillis, callMillis))
                .append("| process | wall s | people s | wall less people s | calls | all calls one after another s"
                        + " | critical path, one call a step s | critical path s | ratio |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder chains = new StringBuilder();
        // the called instances first: a call activity weighs its called instance's path
        List<HistoricProcessInstance> deepestFirst = new ArrayList<>(instances);
        java.util.Collections.reverse(deepestFirst);
        for (HistoricProcessInstance instance : deepestFirst) {
            List<HistoricActivityInstance> activities = byInstance.get(instance.getId());
            Set<String> ran = new HashSet<>();
            activities.forEach(a -> ran.add(a.getActivityId()));
            // a step weighs the simulated calls it made: each takes at least callMillis, so its time
            // divided by callMillis, rounded down, is how many it made (every run of it counted)
            Map<String, Long> callsOf = new HashMap<>();
            activities.stream().filter(a -> a.getEndTime() != null).forEach(a -> callsOf.merge(a.getActivityId(),
                    a.getDurationInMillis() / callMillis, Long::sum));
            java.util.function.ToLongFunction<org.camunda.bpm.model.bpmn.instance.FlowNode> called = node ->
                    instances.stream().filter(other -> instance.getId().equals(other.getSuperProcessInstanceId())
                            && other.getProcessDefinitionKey().equals(
                                    ((org.camunda.bpm.model.bpmn.instance.CallActivity) node).getCalledElement()))
                            .mapToLong(other -> pathOf.getOrDefault(other.getId(), 0L)).max().orElse(0);
            var model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
            CriticalPath.Result result = new CriticalPath(ran, node -> node instanceof org.camunda.bpm.model.bpmn.instance.CallActivity
                    ? called.applyAsLong(node) : callsOf.getOrDefault(node.getId(), 0L) * callMillis)
                    .of(model, instance.getProcessDefinitionKey());
            CriticalPath.Result oneCallEach = new CriticalPath(ran, node -> node instanceof org.camunda.bpm.model.bpmn.instance.CallActivity
                    ? oneCallPathOf.getOrDefault(instance.getId() + "/" + node.getId(), 0L) : callMillis)
                    .of(model, instance.getProcessDefinitionKey());
            pathOf.put(instance.getId(), result.millis());
            if (instance.getSuperProcessInstanceId() != null) {
                byInstance.get(instance.getSuperProcessInstanceId()).stream()
                        .filter(a -> instance.getId().equals(a.getCalledProcessInstanceId()))
                        .forEach(a -> oneCallPathOf.put(instance.getSuperProcessInstanceId() + "/" + a.getActivityId(),
                                oneCallEach.millis()));
            }
            long calls = callsOf.entrySet().stream().filter(e -> activities.stream().anyMatch(a -> a.getActivityId()
                    .equals(e.getKey()) && !a.getActivityType().equals("callActivity") && !a.getActivityType().equals("userTask")))
                    .mapToLong(Map.Entry::getValue).sum();
            long people = activities.stream().filter(a -> a.getActivityType().equals("userTask") && a.getEndTime() != null)
                    .mapToLong(HistoricActivityInstance::getDurationInMillis).sum();
            long wall = instance.getDurationInMillis() == null ? 0 : instance.getDurationInMillis();
            if (instance.getProcessDefinitionKey().equals("cutover") || instance.getProcessDefinitionKey().equals("rollback")) {
                continue; // the whole run and the advisor: their figures are their phases'
            }
            report.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d | %.1f | %.1f | %.1f | %.2f× |%n",
                    instance.getProcessDefinitionKey(), wall / 1000.0, people / 1000.0, (wall - people) / 1000.0,
                    calls, calls * callMillis / 1000.0, oneCallEach.millis() / 1000.0, result.millis() / 1000.0,
                    result.millis() == 0 ? 0 : (double) (wall - people) / result.millis()));
            chains.append("- ").append(instance.getProcessDefinitionKey()).append(": ")
                    .append(String.join(" → ", result.chain())).append('\n');
        }
        report.append("\nThe critical paths:\n\n").append(chains);
    }

    record Gap(String process, String step, String after, long millis) {}

    /** Each activity's start after the latest end, in its own instance, of an activity that ended by then. */
    private static List<Gap> gaps(HistoricProcessInstance instance, List<HistoricActivityInstance> activities) {
        List<Gap> gaps = new ArrayList<>();
        for (HistoricActivityInstance activity : activities) {
            HistoricActivityInstance before = activities.stream()
                    .filter(other -> other != activity && other.getEndTime() != null
                            && !other.getEndTime().after(activity.getStartTime()))
                    .max(Comparator.comparing(HistoricActivityInstance::getEndTime)).orElse(null);
            if (before != null) {
                gaps.add(new Gap(instance.getProcessDefinitionKey(), activity.getActivityId(), before.getActivityId(),
                        activity.getStartTime().getTime() - before.getEndTime().getTime()));
            }
        }
        return gaps;
    }

    /**
     * From a user task's end to the start of the step that follows it in the model (through gateways
     * and events that do not wait), the first that started after it in its instance.
     */
    private static List<Gap> afterUserTasks(HistoricProcessInstance instance, List<HistoricActivityInstance> activities,
            Map<String, Set<String>> successors) {
        List<Gap> pickups = new ArrayList<>();
        for (HistoricActivityInstance task : activities) {
            if (!task.getActivityType().equals("userTask") || task.getEndTime() == null || task.isCanceled()) {
                continue;
            }
            Set<String> following = successors.getOrDefault(task.getActivityId(), Set.of());
            activities.stream().filter(a -> following.contains(a.getActivityId()) && !a.getStartTime().before(task.getEndTime()))
                    .min(Comparator.comparing(HistoricActivityInstance::getStartTime))
                    .ifPresent(next -> pickups.add(new Gap(instance.getProcessDefinitionKey(), next.getActivityId(),
                            task.getActivityId(), next.getStartTime().getTime() - task.getEndTime().getTime())));
        }
        return pickups;
    }

    /** For each user task of a model: the steps that follow it, through gateways and events that do not wait. */
    private Map<String, Set<String>> successors(String definitionId) {
        var model = app.getBean(org.camunda.bpm.engine.RepositoryService.class).getBpmnModelInstance(definitionId);
        Map<String, Set<String>> successors = new HashMap<>();
        for (var task : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
            Set<String> found = new HashSet<>();
            List<org.camunda.bpm.model.bpmn.instance.FlowNode> todo = new ArrayList<>(task.getSucceedingNodes().list());
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                var node = todo.remove(todo.size() - 1);
                if (!seen.add(node.getId())) {
                    continue;
                }
                if (node instanceof org.camunda.bpm.model.bpmn.instance.Activity) {
                    found.add(node.getId());
                } else if (!(node instanceof org.camunda.bpm.model.bpmn.instance.CatchEvent)) {
                    todo.addAll(node.getSucceedingNodes().list()); // a gateway, a throw or end event
                }
            }
            successors.put(task.getId(), found);
        }
        return successors;
    }

    private static java.util.Optional<HistoricActivityInstance> nextStep(List<HistoricActivityInstance> activities, Date after) {
        return activities.stream().filter(a -> STEP_TYPES.contains(a.getActivityType()) && !a.getStartTime().before(after))
                .min(Comparator.comparing(HistoricActivityInstance::getStartTime));
    }

    /** From each fired timer's due date to the start of the first step after it, in its instance. */
    private List<Gap> timerPickups(HistoryService history, Map<String, List<HistoricActivityInstance>> byInstance) {
        List<Gap> pickups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var entry : byInstance.entrySet()) {
            List<HistoricJobLog> logs = history.createHistoricJobLogQuery().processInstanceId(entry.getKey())
                    .successLog().list();
            for (HistoricJobLog log : logs) {
                if (!log.getJobDefinitionType().startsWith("timer") || log.getJobDueDate() == null
                        || !seen.add(log.getJobId())) {
                    continue;
                }
                Date due = log.getJobDueDate();
                List<HistoricActivityInstance> activities = entry.getValue();
                HistoricActivityInstance fired = activities.stream()
                        .filter(a -> a.getActivityId().equals(log.getActivityId()) && a.getEndTime() != null
                                && !a.getEndTime().before(due))
                        .min(Comparator.comparing(HistoricActivityInstance::getEndTime)).orElse(null);
                if (fired == null) {
                    continue;
                }
                String process = history.createHistoricProcessInstanceQuery().processInstanceId(entry.getKey())
                        .singleResult().getProcessDefinitionKey();
                nextStep(activities, fired.getEndTime()).ifPresent(next -> pickups.add(new Gap(process,
                        next.getActivityId(), log.getActivityId(), next.getStartTime().getTime() - due.getTime())));
            }
        }
        return pickups;
    }

    private static String stats(String what, Collection<Gap> gaps) {
        if (gaps.isEmpty()) {
            return "- " + what + ": none\n";
        }
        long[] sorted = gaps.stream().mapToLong(Gap::millis).sorted().toArray();
        return String.format(Locale.ROOT, "- %s: n = %d, p50 %d ms, p95 %d ms, max %d ms%n", what, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.95), sorted[sorted.length - 1]);
    }

    static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static String activitiesTsv(List<HistoricProcessInstance> instances,
            Map<String, List<HistoricActivityInstance>> byInstance) {
        StringBuilder tsv = new StringBuilder("process\tactivity\ttype\tstart\tend\tms\n");
        for (HistoricProcessInstance instance : instances) {
            byInstance.get(instance.getId()).stream().sorted(Comparator.comparing(HistoricActivityInstance::getStartTime))
                    .forEach(a -> tsv.append(instance.getProcessDefinitionKey()).append('\t').append(a.getActivityId())
                            .append('\t').append(a.getActivityType()).append('\t').append(a.getStartTime().toInstant())
                            .append('\t').append(a.getEndTime() == null ? "" : a.getEndTime().toInstant()).append('\t')
                            .append(a.getDurationInMillis() == null ? "" : a.getDurationInMillis()).append('\n'));
        }
        return tsv.toString();
    }

    // --- REST ------------------------------------------------------------------------------------

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> response = http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private JsonNode post(String user, String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(request(user, path)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user + "-bench-password").getBytes(StandardCharsets.UTF_8)));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().substring(0, 14).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
