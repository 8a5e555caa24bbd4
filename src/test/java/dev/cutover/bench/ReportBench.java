package dev.cutover.bench;

import dev.cutover.CutoverApplication;
import dev.cutover.report.RunReport;
import dev.cutover.report.RunReports;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit report of a generated 1,000-entry ledger (and a 100-entry one, to see how it scales):
 * the application starts in rehearsal on an in-memory database, a real Day 0 runs to its end with
 * the job executor on, then the run's ledger is filled up to the size with entries spread over
 * four phases and three days. The report's page and its JSON are fetched over HTTP, as a browser
 * would, warmed up, then timed. Not a JUnit test: bench/report.sh runs it.
 */
public final class ReportBench {

    private static final String PASSWORD = "bench-admin-password";
    private static final String[] PHASES = {"before-day-0", "day-0", "day-1", "day-2"};
    private static final String[] OUTCOMES = {"failed", "failed", "changed", "already done", "checked"};

    public static void main(String[] args) throws Exception {
        int warmups = Integer.parseInt(System.getProperty("warmups", "10"));
        int runs = Integer.parseInt(System.getProperty("runs", "30"));
        Path out = Path.of(System.getProperty("out", "target/bench"));
        Files.createDirectories(out);
        int port = freePort();
        ConfigurableApplicationContext app = new SpringApplication(CutoverApplication.class).run(
                "--spring.profiles.active=rehearsal",
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--cutover.rehearsal.dns-port=" + freeUdpPort(),
                "--spring.datasource.url=jdbc:h2:mem:report-bench;DB_CLOSE_DELAY=-1",
                "--cutover.access.admin-password=" + PASSWORD,
                "--cutover.rehearsal.seal-key-file=" + Files.createTempDirectory("report-bench").resolve("key"),
                "--logging.level.root=WARN", "--logging.level.dev.cutover=WARN");
        try {
            StringBuilder summary = new StringBuilder()
                    .append("| ledger entries | steps | page KiB | page median ms | page p95 ms | page max ms"
                            + " | JSON median ms | JSON p95 ms | build median ms |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int size : new int[] {100, 1000}) {
                String run = "bench-" + size;
                String day0 = dayZero(app, run);
                fill(app.getBean(JdbcTemplate.class), run, day0, size);
                summary.append(measure(app, port, run, warmups, runs)).append('\n');
            }
            String versions = "java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, load average " + Files.readString(Path.of("/proc/loadavg")).trim();
            Files.writeString(out.resolve("report-summary.md"), summary + "\n" + versions + "\n");
            System.out.print(summary);
            System.out.println(versions);
        } finally {
            app.close();
        }
    }

    /** A real Day 0 to its end, so the run has history: activities, jobs, a ledger of its own. */
    private static String dayZero(ConfigurableApplicationContext app, String run) throws InterruptedException {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        HistoryService history = app.getBean(HistoryService.class);
        // Day 0 starts once Before Day 0 completed for the run: recorded as ended at its "ready" end
        runtime.createProcessInstanceByKey("before-day-0").businessKey(run).startBeforeActivity("readyForDay0").execute();
        String id = runtime.startProcessInstanceByKey("day-0", run).getId();
        Instant giveUp = Instant.now().plusSeconds(120);
        while (history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("Day 0 of " + run + " did not end within 2 minutes");
            }
            Thread.sleep(200);
        }
        return id;
    }

    /** Up to {@code size} entries: steps of five entries each, in four phases, over three days. */
    private static void fill(JdbcTemplate jdbc, String run, String day0, int size) {
        int existing = jdbc.queryForObject("select count(*) from cutover_ledger where run_key = ?", Integer.class, run);
        Instant start = Instant.now().minus(Duration.ofDays(3));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < size - existing; i++) {
            int step = i / 5;
            String phase = PHASES[step % PHASES.length];
            String processInstance = "day-0".equals(phase) ? day0 : "bench-" + phase + "-" + run;
            rows.add(new Object[] {run, phase, "Generated step " + step + " <of the runbook>",
                    OUTCOMES[i % OUTCOMES.length], "attempt " + (i % 5 + 1) + ": <b>detail</b> & notes " + i, "{}",
                    processInstance, Timestamp.from(start.plus(Duration.ofSeconds(200L * step + 20L * (i % 5))))});
        }
        jdbc.batchUpdate("insert into cutover_ledger (run_key, phase, step, outcome, detail, undo, process_instance_id,"
                + " recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static String measure(ConfigurableApplicationContext app, int port, String run, int warmups, int runs)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest page = request(port, "/cutover/runs/" + run + "/report");
        HttpRequest json = request(port, "/api/runs/" + run + "/report");
        RunReports reports = app.getBean(RunReports.class);
        int bytes = 0;
        for (int i = 0; i < warmups; i++) {
            HttpResponse<String> response = http.send(page, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the report answered " + response.statusCode() + ": " + response.body());
            }
            bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
            http.send(json, HttpResponse.BodyHandlers.ofString());
            reports.report(run);
        }
        List<Double> pageMs = new ArrayList<>();
        List<Double> jsonMs = new ArrayList<>();
        List<Double> buildMs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            pageMs.add(timed(() -> http.send(page, HttpResponse.BodyHandlers.ofString())));
            jsonMs.add(timed(() -> http.send(json, HttpResponse.BodyHandlers.ofString())));
            buildMs.add(timed(() -> reports.report(run)));
        }
        RunReport report = reports.report(run);
        return String.format(Locale.ROOT, "| %,d | %,d | %,d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |",
                report.ledgerEntries(), report.steps().size(), bytes / 1024, median(pageMs), p95(pageMs),
                Collections.max(pageMs), median(jsonMs), p95(jsonMs), median(buildMs));
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static double timed(Work work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double p95(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
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
