package dev.cutover.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a node's JVM is started: the packaged jar ({@code cutover.jar}, set by the {@code reliability}
 * profile), extracted once as Spring Boot lays it out for class data sharing, with a CDS archive made by
 * one training start, so that each of the many restarts takes seconds rather than half a minute on a
 * busy machine. Without the archive (its training failed), the extracted jar starts all the same.
 */
final class Launcher {

    private static List<String> command;

    private Launcher() {
    }

    static Path folder() {
        Path folder = Path.of(System.getProperty("reliability.folder", "target/reliability")).toAbsolutePath();
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path plan() {
        return Path.of(System.getProperty("cutover.plan-file", "plans/clearmyrecord.yaml")).toAbsolutePath();
    }

    static synchronized List<String> javaCommand() {
        if (command == null) {
            command = prepare();
        }
        return command;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> prepare() {
        Path jar = Path.of(System.getProperty("cutover.jar", "target/cutover-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged application at " + jar + ": run the reliability profile"
                    + " with ./mvnw verify -Preliability (the package phase builds it)");
        }
        Path extracted = folder().resolve("application");
        run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
                extracted.toString()), Duration.ofMinutes(2));
        Path application = extracted.resolve(jar.getFileName());
        List<String> base = new ArrayList<>(List.of(java(), "-Xmx768m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        Path archive = folder().resolve("application.jsa");
        try (ReliabilityDatabase training = new ReliabilityDatabase("training")) {
            List<String> train = new ArrayList<>(base);
            train.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                    "-jar", application.toString(), "--spring.profiles.active=rehearsal,postgres",
                    "--server.port=0", "--cutover.rehearsal.dns-port=" + Ports.freeUdp(),
                    "--cutover.rehearsal.seal-key-file=" + training.sealKeyFile(),
                    "--cutover.plan=" + plan(), "--spring.datasource.url=" + training.url(),
                    "--spring.datasource.username=" + training.user(),
                    "--spring.datasource.password=" + training.password(),
                    "--camunda.bpm.job-execution.enabled=false"));
            run(train, Duration.ofMinutes(3));
        } catch (RuntimeException trainingFailed) {
            System.out.println("[reliability] no CDS archive, starting without one: " + trainingFailed.getMessage());
        }
        List<String> java = new ArrayList<>(base);
        if (Files.isRegularFile(archive)) {
            java.add("-XX:SharedArchiveFile=" + archive);
        }
        java.addAll(List.of("-jar", application.toString()));
        return java;
    }

    private static void run(List<String> command, Duration within) {
        try {
            Path log = folder().resolve("launcher.log");
            Process process = new ProcessBuilder(command).directory(folder().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command.subList(0, 4)) + " …' took over " + within);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command.subList(0, 4)) + " …' exited with "
                        + process.exitValue() + " (see " + log + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
