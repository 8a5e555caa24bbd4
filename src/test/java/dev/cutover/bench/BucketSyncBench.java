package dev.cutover.bench;

import dev.cutover.aws.AwsClients;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket-sync benchmark: the project's sync against {@code aws s3 sync}, {@code rclone sync}
 * and the server's ceiling, on one S3Proxy, runs of the tools taking turns. Not a test: run by
 * bench/bucket-sync.sh, which starts the server; docs/benchmarks.md says what it measures.
 *
 * <p>Arguments: endpoint, access key, secret key, output folder. System properties:
 * {@code bench.runs} (5), {@code bench.cases} (mixed,small), {@code bench.aws}, {@code bench.rclone},
 * {@code bench.workerHeap} (256m).
 */
public final class BucketSyncBench {

    private static final String REMOTE = "bench";
    private static final int MAX_KEYS = 1000;
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long TOOL_TIMEOUT_MINUTES = 10;
    private static final String CUTOVER = "cutover sync";
    private static final String AWS = "aws s3 sync";
    private static final String RCLONE = "rclone sync";
    private static final String RCLONE_TUNED = "rclone sync tuned";
    private static final String CEILING = "ceiling";

    enum Scenario {
        FULL("full copy"), UNCHANGED("re-sync, nothing changed"), CHANGED("re-sync, 1 % changed");

        final String label;

        Scenario(String label) {
            this.label = label;
        }
    }

    record SourceObject(String key, long size, long contentSeed) {
    }

    record Case(String name, String label, long seed, List<SourceObject> objects) {

        long bytes() {
            return objects.stream().mapToLong(SourceObject::size).sum();
        }
    }

    record Listed(long size, String eTag) {
    }

    /** {@code clientCpu}: CPU seconds the tool used, NaN when not known. */
    record Outcome(double seconds, double clientCpu, String detail) {
    }

    record Run(String caseName, Scenario scenario, String tool, int round, double seconds, boolean verified,
            double clientCpu, double serverCpu, String detail) {
    }

    @FunctionalInterface
    interface Runner {
        Outcome run(String source, String destination) throws Exception;
    }

    record Tool(String name, String slug, boolean fullCopyOnly, Runner runner) {
    }

    private final URI endpoint;
    private final String identity;
    private final String credential;
    private final Path out;
    private final S3Client s3;
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, String> verifyCopy = new LinkedHashMap<>();
    private final Map<String, Map<String, Listed>> sourceListings = new LinkedHashMap<>();
    private final long serverPid = Long.getLong("bench.serverPid", -1);
    private final double clockTicks = Long.getLong("bench.clockTicks", 100);
    private Worker worker;
    private List<String> toolNames;

    private BucketSyncBench(URI endpoint, String identity, String credential, Path out) {
        this.endpoint = endpoint;
        this.identity = identity;
        this.credential = credential;
        this.out = out;
        this.s3 = AwsClients.s3(Region.US_EAST_1, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)));
    }

    public static void main(String[] args) throws Exception {
        var bench = new BucketSyncBench(URI.create(args[0]), args[1], args[2], Path.of(args[3]));
        int rounds = Integer.getInteger("bench.runs", 5);
        List<String> cases = List.of(System.getProperty("bench.cases", "mixed,small").split(","));
        try {
            bench.run(cases, rounds);
        } finally {
            bench.close();
        }
    }

    private void run(List<String> caseNames, int rounds) throws Exception {
        Files.createDirectories(out.resolve("logs"));
        List<Tool> tools = tools();
        toolNames = tools.stream().map(Tool::name).toList();
        worker = Worker.start(workerCommand(), out.resolve("logs/sync-worker.err"));
        warmUp();
        for (String caseName : caseNames) {
            Case benchCase = switch (caseName) {
                case "mixed" -> mixed();
                case "small" -> small();
                default -> throw new IllegalArgumentException("no case " + caseName + " (mixed, small)");
            };
            runCase(benchCase, rounds, tools);
        }
        worker.quit();
        String summary = summary(caseNames);
        Files.writeString(out.resolve("summary.md"), summary);
        System.out.println();
        System.out.println(summary);
    }

    private void runCase(Case benchCase, int rounds, List<Tool> tools) throws Exception {
        String source = "src-" + benchCase.name();
        List<SourceObject> objects = new ArrayList<>(benchCase.objects());
        log("%s: filling %s with %d objects, %d MiB", benchCase.name(), source, objects.size(),
                benchCase.bytes() / MIB);
        createBucket(source);
        put(source, objects);
        warmUpServer(benchCase, source, tools);
        List<Tool> syncTools = tools.stream().filter(tool -> !tool.fullCopyOnly()).toList();
        for (int round = 1; round <= rounds; round++) {
            List<Tool> full = rotated(tools, round);
            List<Tool> resync = rotated(syncTools, round);
            Map<String, String> destinations = new LinkedHashMap<>();
            for (Tool tool : full) {
                String destination = benchCase.name() + "-r" + round + "-" + tool.slug();
                createBucket(destination);
                destinations.put(tool.name(), destination);
                measure(benchCase, Scenario.FULL, round, tool, source, destination);
                if (tool.fullCopyOnly()) {
                    deleteBucket(destination, sourceListing(source).keySet());
                }
            }
            for (Tool tool : resync) {
                measure(benchCase, Scenario.UNCHANGED, round, tool, source, destinations.get(tool.name()));
            }
            change(source, benchCase, objects, round);
            for (Tool tool : resync) {
                measure(benchCase, Scenario.CHANGED, round, tool, source, destinations.get(tool.name()));
            }
            Map<String, String> verified = worker.ask("verify " + source + " " + destinations.get(CUTOVER));
            verifyCopy.merge(benchCase.name(), seconds(verified) + "", (a, b) -> a + " " + b);
            log("%s r%d: verifyCopy %.2f s, same=%s, %s", benchCase.name(), round, seconds(verified),
                    verified.get("same"), verified.get("requests"));
            for (Tool tool : resync) {
                deleteBucket(destinations.get(tool.name()), sourceListing(source).keySet());
            }
        }
        deleteBucket(source);
    }

    /** An untimed full copy by each tool: the server's JIT has seen this case before the first timed run. */
    private void warmUpServer(Case benchCase, String source, List<Tool> tools) throws Exception {
        log("%s: warming up the server", benchCase.name());
        for (Tool tool : tools) {
            String destination = benchCase.name() + "-warm-" + tool.slug();
            createBucket(destination);
            tool.runner().run(source, destination);
            deleteBucket(destination, sourceListing(source).keySet());
        }
    }

    private void measure(Case benchCase, Scenario scenario, int round, Tool tool, String source, String destination) {
        Outcome outcome;
        double serverCpuBefore = cpuTicks(serverPid, false);
        try {
            outcome = tool.runner().run(source, destination);
        } catch (Exception e) {
            outcome = new Outcome(Double.NaN, Double.NaN, "FAILED: " + e.getMessage());
        }
        double serverCpu = (cpuTicks(serverPid, false) - serverCpuBefore) / clockTicks;
        String load = loadAverage();
        List<String> differences = compare(source, destination);
        boolean verified = !Double.isNaN(outcome.seconds()) && differences.isEmpty();
        String detail = "load=" + load + " " + outcome.detail()
                + (differences.isEmpty() ? "" : " DIFFERENT: " + differences);
        Run run = new Run(benchCase.name(), scenario, tool.name(), round, outcome.seconds(), verified,
                outcome.clientCpu(), serverCpu, detail);
        runs.add(run);
        appendTsv(run);
        log("%s r%d %-24s %-17s %7.2f s, cpu %5.1f s tool %5.1f s server, %s %s", benchCase.name(), round,
                scenario.label, tool.name(), run.seconds(), run.clientCpu(), run.serverCpu(),
                verified ? "verified" : "NOT VERIFIED", detail);
    }

    /** The machine's load average over the last minute: the machine is shared. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU clock ticks a process used ({@code children}: those of its children it has waited for); NaN if unknown. */
    private static double cpuTicks(long pid, boolean children) {
        if (pid < 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int user = children ? 13 : 11;
            return Long.parseLong(fields[user]) + Long.parseLong(fields[user + 1]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private List<Tool> tools() throws IOException {
        String aws = System.getProperty("bench.aws", "/usr/bin/aws");
        String rclone = System.getProperty("bench.rclone", "rclone");
        Path rcloneConfig = out.resolve("rclone.conf");
        Files.writeString(rcloneConfig, """
                [%s]
                type = s3
                provider = Other
                env_auth = false
                access_key_id = %s
                secret_access_key = %s
                endpoint = %s
                region = us-east-1
                """.formatted(REMOTE, identity, credential, endpoint));
        Files.writeString(out.resolve("aws-config"), "");
        List<String> rcloneBase = List.of(rclone, "--config", rcloneConfig.toString());
        List<Tool> tools = new ArrayList<>(List.of(
                new Tool(CUTOVER, "cutover", false, this::cutoverSync),
                new Tool(AWS, "aws", false, (source, destination) -> external("aws", List.of(aws, "s3", "sync",
                        "s3://" + source, "s3://" + destination, "--endpoint-url", endpoint.toString(),
                        "--only-show-errors", "--no-progress"))),
                new Tool(RCLONE, "rclone", false, (source, destination) -> external("rclone",
                        concat(rcloneBase, "sync", remote(source), remote(destination)))),
                new Tool(RCLONE_TUNED, "rclone-tuned", false, (source, destination) -> external("rclone-tuned",
                        concat(rcloneBase, "sync", remote(source), remote(destination),
                                "--checksum", "--fast-list", "--transfers", "16", "--checkers", "16")))));
        // copies every source object without looking at the destination: one source listing plus
        // the copies, as little as a copy can cost the server; 64 at a time unless told otherwise
        for (String transfers : System.getProperty("bench.ceilingTransfers", "64").split(",")) {
            String name = transfers.equals("64") ? CEILING : CEILING + " " + transfers;
            String slug = "ceiling" + (transfers.equals("64") ? "" : "-" + transfers);
            tools.add(new Tool(name, slug, true, (source, destination) -> external(slug,
                    concat(rcloneBase, "copy", remote(source), remote(destination), "--transfers", transfers,
                            "--no-check-dest", "--no-traverse", "--fast-list", "--s3-no-check-bucket",
                            "--s3-no-head"))));
        }
        return tools;
    }

    private Outcome cutoverSync(String source, String destination) {
        Map<String, String> answer = worker.ask("sync " + source + " " + destination);
        return new Outcome(seconds(answer), Long.parseLong(answer.get("cpuNanos")) / 1e9,
                "copied=" + answer.get("copied") + " batches=" + answer.get("batches")
                        + " slowestBatchMs=" + answer.get("slowestBatchMs")
                        + " heapPeakMiB=" + answer.get("heapPeakMiB") + " poolPeaksMiB=" + answer.get("poolPeaksMiB")
                        + " requests=" + answer.get("requests"));
    }

    private Outcome external(String slug, List<String> command) throws IOException, InterruptedException {
        Path logFile = out.resolve("logs/" + slug + ".log");
        Files.writeString(logFile, "\n$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        // rclone 1.60 refuses to start while AWS_CA_BUNDLE is set; no other AWS or proxy setting may leak in
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("RCLONE_")
                || name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        env.put("AWS_ACCESS_KEY_ID", identity);
        env.put("AWS_SECRET_ACCESS_KEY", credential);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", out.resolve("aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", out.resolve("aws-config").toString());
        env.put("AWS_PAGER", "");
        long self = ProcessHandle.current().pid();
        double childrenCpuBefore = cpuTicks(self, true);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(slug + " took more than " + TOOL_TIMEOUT_MINUTES + " minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(slug + " exited " + process.exitValue() + ", see " + logFile);
        }
        return new Outcome(seconds, (cpuTicks(self, true) - childrenCpuBefore) / clockTicks, "");
    }

    private void warmUp() throws Exception {
        log("warming up the sync's JVM");
        Random random = new Random(7);
        List<SourceObject> objects = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            objects.add(new SourceObject("warm/%02d/object-%05d".formatted(i % 25, i), 1024 + random.nextInt(8192),
                    random.nextLong()));
        }
        createBucket("warm-src");
        put("warm-src", objects);
        for (int i = 0; i < 2; i++) {
            createBucket("warm-dst");
            worker.ask("sync warm-src warm-dst");
            worker.ask("sync warm-src warm-dst");
            worker.ask("verify warm-src warm-dst");
            deleteBucket("warm-dst");
        }
        deleteBucket("warm-src");
    }

    /** 2,000 objects: 90 % of 50–150 KiB, 10 % of 1–2 MiB. */
    static Case mixed() {
        long seed = 20_240_601L;
        Random random = new Random(seed);
        int count = 2_000;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        Set<Integer> large = new HashSet<>(order.subList(0, count / 10));
        List<SourceObject> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean isLarge = large.contains(i);
            long size = isLarge ? between(random, MIB, 2 * MIB) : between(random, 50 * KIB, 150 * KIB);
            String key = "media/user-%03d/%s-%05d.%s".formatted(i % 200, isLarge ? "scan" : "photo", i,
                    isLarge ? "pdf" : "jpg");
            objects.add(new SourceObject(key, size, random.nextLong()));
        }
        return new Case("mixed", "2,000 objects, 90 % 50–150 KiB, 10 % 1–2 MiB", seed, objects);
    }

    /** 20,000 objects of 5–20 KiB, ten in each of 2,000 prefixes two levels deep. */
    static Case small() {
        long seed = 20_240_602L;
        Random random = new Random(seed);
        List<SourceObject> objects = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String key = "records/p%03d/s%02d/doc-%05d.txt".formatted(i % 100, (i / 100) % 20, i);
            objects.add(new SourceObject(key, between(random, 5 * KIB, 20 * KIB), random.nextLong()));
        }
        return new Case("small", "20,000 objects of 5–20 KiB over 2,000 prefixes", seed, objects);
    }

    /** 1 % of the source's objects rewritten, each to another size. */
    private void change(String source, Case benchCase, List<SourceObject> objects, int round) {
        Random random = new Random(benchCase.seed() * 31 + round);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<SourceObject> changed = new ArrayList<>();
        for (int index : order.subList(0, objects.size() / 100)) {
            SourceObject old = objects.get(index);
            var now = new SourceObject(old.key(), old.size() + 1 + random.nextInt(4096), random.nextLong());
            objects.set(index, now);
            changed.add(now);
        }
        put(source, changed);
        log("%s r%d: changed %d source objects", benchCase.name(), round, changed.size());
    }

    private static long between(Random random, long low, long high) {
        return low + (long) (random.nextDouble() * (high - low + 1));
    }

    private static byte[] content(SourceObject object) {
        byte[] bytes = new byte[Math.toIntExact(object.size())];
        new SplittableRandom(object.contentSeed()).nextBytes(bytes);
        return bytes;
    }

    private void put(String bucket, List<SourceObject> objects) {
        sourceListings.remove(bucket);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (SourceObject object : objects) {
                puts.add(pool.submit(() -> s3.putObject(request -> request.bucket(bucket).key(object.key()),
                        RequestBody.fromBytes(content(object)))));
            }
            for (Future<?> done : puts) {
                done.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("filling " + bucket + " failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void createBucket(String bucket) {
        s3.createBucket(request -> request.bucket(bucket));
    }

    private void deleteBucket(String bucket) {
        deleteBucket(bucket, list(bucket).keySet());
    }

    /** Deletes the bucket, knowing its keys (those of its verified source): spares a listing of it. */
    private void deleteBucket(String bucket, Set<String> knownKeys) {
        List<String> keys = new ArrayList<>(knownKeys);
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            List<ObjectIdentifier> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(chunk).quiet(true)));
        }
        try {
            s3.deleteBucket(request -> request.bucket(bucket));
        } catch (S3Exception notEmpty) {
            if (knownKeys.isEmpty()) {
                throw notEmpty;
            }
            deleteBucket(bucket, list(bucket).keySet());
        }
        sourceListings.remove(bucket);
    }

    /** The source's listing, listed again only after it changed. */
    private Map<String, Listed> sourceListing(String source) {
        return sourceListings.computeIfAbsent(source, this::list);
    }

    private Map<String, Listed> list(String bucket) {
        Map<String, Listed> listed = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).maxKeys(MAX_KEYS))
                .contents()) {
            listed.put(object.key(), new Listed(object.size(), object.eTag()));
        }
        return listed;
    }

    /** What differs between the two listings (keys, sizes, ETags): empty when the copy is exact. */
    private List<String> compare(String source, String destination) {
        Map<String, Listed> from = sourceListing(source);
        Map<String, Listed> to = list(destination);
        List<String> differences = new ArrayList<>();
        from.forEach((key, object) -> {
            Listed copy = to.get(key);
            if (copy == null) {
                differences.add("missing " + key);
            } else if (!object.equals(copy)) {
                differences.add(key + " " + object + " vs " + copy);
            }
        });
        to.keySet().stream().filter(key -> !from.containsKey(key)).forEach(key -> differences.add("extra " + key));
        return differences.size() <= 5 ? differences
                : List.of(differences.size() + " differences, first " + differences.subList(0, 5));
    }

    private List<String> workerCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + System.getProperty("bench.workerHeap", "256m"),
                "-Xlog:gc:file=" + out.resolve("sync-gc.log"), "-XX:+ExitOnOutOfMemoryError"));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SyncWorker.class.getName(),
                endpoint.toString(), identity, credential, String.valueOf(MAX_KEYS)));
        return command;
    }

    private String summary(List<String> caseNames) throws IOException {
        var text = new StringBuilder();
        text.append("Seconds, median (min–max) of the verified runs; `n/a` where the tool is not run.\n\n");
        text.append("| case | scenario | ").append(String.join(" | ", toolNames)).append(" |\n");
        text.append("|---|---|").append("---:|".repeat(toolNames.size())).append('\n');
        for (String caseName : caseNames) {
            for (Scenario scenario : Scenario.values()) {
                text.append("| ").append(caseName).append(" | ").append(scenario.label).append(" |");
                for (String tool : toolNames) {
                    text.append(' ').append(cell(caseName, scenario, tool)).append(" |");
                }
                text.append('\n');
            }
        }
        text.append("\nCPU seconds per run, median: the tool's / the server's\n\n");
        text.append("| case | scenario | ").append(String.join(" | ", toolNames)).append(" |\n");
        text.append("|---|---|").append("---:|".repeat(toolNames.size())).append('\n');
        for (String caseName : caseNames) {
            for (Scenario scenario : Scenario.values()) {
                text.append("| ").append(caseName).append(" | ").append(scenario.label).append(" |");
                for (String tool : toolNames) {
                    List<Run> verified = runs.stream().filter(run -> run.caseName().equals(caseName)
                            && run.scenario() == scenario && run.tool().equals(tool) && run.verified()).toList();
                    text.append(' ').append(verified.isEmpty() ? "n/a" : "%.1f / %.1f".formatted(
                            median(verified.stream().map(Run::clientCpu).sorted().toList()),
                            median(verified.stream().map(Run::serverCpu).sorted().toList()))).append(" |");
                }
                text.append('\n');
            }
        }
        text.append("\nTargets\n\n");
        for (String caseName : caseNames) {
            double cutover = median(caseName, Scenario.FULL, CUTOVER);
            double ceiling = median(caseName, Scenario.FULL, CEILING);
            double aws = median(caseName, Scenario.FULL, AWS);
            text.append(target(caseName + ", full copy within 1.25x the ceiling",
                    cutover, 1.25 * ceiling, "%.2f s vs ceiling %.2f s = %.2fx".formatted(cutover, ceiling,
                            cutover / ceiling)));
            text.append(target(caseName + ", full copy at most 0.4x aws s3 sync",
                    cutover, 0.4 * aws, "%.2f s vs aws %.2f s = %.2fx".formatted(cutover, aws, cutover / aws)));
            for (Scenario scenario : List.of(Scenario.UNCHANGED, Scenario.CHANGED)) {
                double ours = median(caseName, scenario, CUTOVER);
                String fastest = List.of(AWS, RCLONE, RCLONE_TUNED).stream()
                        .min((a, b) -> Double.compare(median(caseName, scenario, a), median(caseName, scenario, b)))
                        .orElseThrow();
                double best = median(caseName, scenario, fastest);
                text.append(target(caseName + ", " + scenario.label + " no slower than the fastest tool", ours, best,
                        "%.2f s vs %s %.2f s".formatted(ours, fastest, best)));
            }
            text.append("- ").append(caseName).append(", requests of the no-change re-sync (last round): ")
                    .append(lastDetail(caseName, Scenario.UNCHANGED, CUTOVER)).append('\n');
            text.append("- ").append(caseName).append(", requests of the 1 % re-sync (last round): ")
                    .append(lastDetail(caseName, Scenario.CHANGED, CUTOVER)).append('\n');
            text.append("- ").append(caseName).append(", verifyCopy seconds per round: ")
                    .append(verifyCopy.getOrDefault(caseName, "-")).append('\n');
        }
        long sampledPeak = runs.stream().filter(run -> run.tool().equals(CUTOVER))
                .mapToLong(run -> detailNumber(run.detail(), "heapPeakMiB")).max().orElse(-1);
        long poolPeaks = runs.stream().filter(run -> run.tool().equals(CUTOVER))
                .mapToLong(run -> detailNumber(run.detail(), "poolPeaksMiB")).max().orElse(-1);
        long[] gc = gcLog(out.resolve("sync-gc.log"));
        text.append("\nHeap of the sync's JVM (-Xmx").append(System.getProperty("bench.workerHeap", "256m"))
                .append("): sampled peak ").append(sampledPeak).append(" MiB, heap pools' peaks added up ")
                .append(poolPeaks).append(" MiB, GC log: most in use before a collection ").append(gc[0])
                .append(" MiB, most left after one ").append(gc[1]).append(" MiB, heap size at most ").append(gc[2])
                .append(" MiB, ").append(gc[3]).append(" collections\n");
        long failed = runs.stream().filter(run -> !run.verified()).count();
        text.append("Runs: ").append(runs.size()).append(", not verified: ").append(failed).append('\n');
        return text.toString();
    }

    private static String target(String what, double measured, double limit, String figures) {
        boolean met = !Double.isNaN(measured) && !Double.isNaN(limit) && measured <= limit;
        return "- " + what + ": " + (met ? "MET" : "MISSED") + " (" + figures + ")\n";
    }

    private String cell(String caseName, Scenario scenario, String tool) {
        List<Double> seconds = seconds(caseName, scenario, tool);
        if (seconds.isEmpty()) {
            return "n/a";
        }
        long failed = runs.stream().filter(run -> run.caseName().equals(caseName) && run.scenario() == scenario
                && run.tool().equals(tool) && !run.verified()).count();
        return "%.2f (%.2f–%.2f)%s".formatted(median(seconds), seconds.get(0), seconds.get(seconds.size() - 1),
                failed == 0 ? "" : " " + failed + " failed");
    }

    private List<Double> seconds(String caseName, Scenario scenario, String tool) {
        return runs.stream().filter(run -> run.caseName().equals(caseName) && run.scenario() == scenario
                        && run.tool().equals(tool) && run.verified())
                .map(Run::seconds).sorted().toList();
    }

    private double median(String caseName, Scenario scenario, String tool) {
        return median(seconds(caseName, scenario, tool));
    }

    private static double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private String lastDetail(String caseName, Scenario scenario, String tool) {
        return runs.stream().filter(run -> run.caseName().equals(caseName) && run.scenario() == scenario
                        && run.tool().equals(tool))
                .reduce((first, second) -> second).map(Run::detail).orElse("-");
    }

    private static long detailNumber(String detail, String name) {
        Matcher matcher = Pattern.compile(name + "=(\\d+)").matcher(detail);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Most heap in use before a collection, most left after one, largest heap size, number of collections. */
    static long[] gcLog(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return new long[] {-1, -1, -1, 0};
        }
        Pattern pause = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
        long[] figures = new long[4];
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = pause.matcher(line);
            if (matcher.find()) {
                figures[0] = Math.max(figures[0], mib(matcher.group(1), matcher.group(2)));
                figures[1] = Math.max(figures[1], mib(matcher.group(3), matcher.group(4)));
                figures[2] = Math.max(figures[2], mib(matcher.group(5), matcher.group(6)));
                figures[3]++;
            }
        }
        return figures;
    }

    private static long mib(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    private void appendTsv(Run run) {
        Path tsv = out.resolve("runs.tsv");
        try {
            if (!Files.exists(tsv)) {
                Files.writeString(tsv, "case\tscenario\ttool\tround\tseconds\tverified\ttool_cpu_s\tserver_cpu_s\tdetail\n");
            }
            Files.writeString(tsv, String.join("\t", run.caseName(), run.scenario().label, run.tool(),
                    String.valueOf(run.round()), "%.3f".formatted(run.seconds()), String.valueOf(run.verified()),
                    "%.2f".formatted(run.clientCpu()), "%.2f".formatted(run.serverCpu()), run.detail()) + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Map<String, String> answer) {
        return Long.parseLong(answer.get("nanos")) / 1e9;
    }

    private static <T> List<T> rotated(List<T> list, int round) {
        List<T> rotated = new ArrayList<>(list);
        Collections.rotate(rotated, -((round - 1) % list.size()));
        return rotated;
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static String remote(String bucket) {
        return REMOTE + ":" + bucket;
    }

    private static void log(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + format.formatted(args));
    }

    private void close() {
        if (worker != null) {
            worker.kill();
        }
        s3.close();
    }

    /** The sync's own JVM, asked one command at a time. */
    static final class Worker {

        private final Process process;
        private final BufferedWriter commands;
        private final BufferedReader answers;

        private Worker(Process process) {
            this.process = process;
            this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Worker start(List<String> command, Path errors) throws IOException {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            var worker = new Worker(process);
            String ready = worker.answer();
            if (!ready.startsWith("ready")) {
                throw new IllegalStateException("sync worker did not start: " + ready + ", see " + errors);
            }
            log("sync worker: %s", ready);
            return worker;
        }

        Map<String, String> ask(String command) {
            try {
                commands.write(command);
                commands.newLine();
                commands.flush();
                String answer = answer();
                if (!answer.startsWith("ok")) {
                    throw new IllegalStateException("sync worker: " + command + " -> " + answer);
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (String field : answer.substring(2).trim().split(" ")) {
                    int equals = field.indexOf('=');
                    fields.put(field.substring(0, equals), field.substring(equals + 1));
                }
                return fields;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String answer() throws IOException {
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith(SyncWorker.ANSWER)) {
                    return line.substring(SyncWorker.ANSWER.length());
                }
            }
            throw new IllegalStateException("sync worker ended (exit " + waitFor() + ")");
        }

        private String waitFor() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        void quit() throws IOException {
            commands.write("quit");
            commands.newLine();
            commands.flush();
            waitFor();
        }

        void kill() {
            if (process.isAlive()) {
                process.destroy();
            }
        }
    }
}
