package dev.cutover.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged application (the Spring Boot jar of the {@code package} phase) running as a JVM of its
 * own, on a PostgreSQL database, in the rehearsal: started, waited for until it answers, killed with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) and started again on the same port, database and
 * seal key, as an operator would restart it. Its output goes to {@code target/reliability/<name>.log},
 * every start appended.
 */
final class CutoverNode implements AutoCloseable {

    static final String ADMIN_PASSWORD = "Reliability-admin-7";
    static final Map<String, String> PEOPLE = Map.of("lena", "cutover-leads", "olivia", "cutover-operators");

    private final String name;
    private final int port;
    private final int dnsPort;
    private final ReliabilityDatabase database;
    private final Path logFile;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Process process;
    private int starts;
    private long logStart;

    CutoverNode(String name, int port, ReliabilityDatabase database, Map<String, String> settings) {
        this.name = name;
        this.port = port;
        this.dnsPort = Ports.freeUdp();
        this.database = database;
        this.logFile = Launcher.folder().resolve(name + ".log");
        this.settings.putAll(settings);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int starts() {
        return starts;
    }

    /** Starts the JVM and waits until it answers (the engine up, its job executor started). */
    CutoverNode start(Duration within) {
        List<String> command = new ArrayList<>(Launcher.javaCommand());
        command.addAll(List.of(
                "--spring.profiles.active=rehearsal,postgres",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--cutover.rehearsal.dns-port=" + dnsPort,
                "--cutover.rehearsal.seal-key-file=" + database.sealKeyFile(),
                "--cutover.plan=" + Launcher.plan(),
                "--camunda.bpm.generic-properties.properties.hostname=" + name));
        int i = 0;
        for (var person : PEOPLE.entrySet()) {
            command.add("--cutover.access.users[" + i + "].id=" + person.getKey());
            command.add("--cutover.access.users[" + i + "].name=" + person.getKey());
            command.add("--cutover.access.users[" + i + "].groups[0]=" + person.getValue());
            i++;
        }
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Launcher.folder().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", database.url());
        env.put("SPRING_DATASOURCE_USERNAME", database.user());
        env.put("SPRING_DATASOURCE_PASSWORD", database.password());
        env.put("CUTOVER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        PEOPLE.keySet().forEach(person -> env.put("CUTOVER_PASSWORD_" + person.toUpperCase(), password(person)));
        try {
            Files.writeString(logFile, "\n===== start " + (starts + 1) + " of " + name + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            logStart = Files.size(logFile);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        starts++;
        awaitReady(within);
        return this;
    }

    static String password(String person) {
        return person.substring(0, 1).toUpperCase() + person.substring(1) + "-rehearses-7";
    }

    private void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n"
                        + logTail(60));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && logSinceStart().contains("ENGINE-14018")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + name, e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " did not answer within " + within + ":\n" + logTail(60));
    }

    /** kill -9: the JVM ends at once, in whatever it was doing, with nothing flushed or closed. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Whether the JVM ends by itself within this time (a fault that halts it), waiting at most that long. */
    boolean exitsWithin(Duration within) {
        try {
            return process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String logFile() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What this start of the JVM wrote so far. */
    String logSinceStart() {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail(int lines) {
        List<String> all = logFile().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    waitForExit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
