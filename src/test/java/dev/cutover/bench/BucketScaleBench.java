package dev.cutover.bench;

import dev.cutover.aws.AwsClients;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How the Day 1 bucket sync and the Day 2 bucket deletion grow with the bucket: 2,000 to 200,000 small
 * objects (5–20 KiB, as the small case of {@link BucketSyncBench}; S3Proxy's in-memory store holds about
 * 253,000 objects, so 200,000 and their copy need its file-system store and flat keys), each synced into
 * an empty bucket, verified, and the copy deleted, by the project's own {@code S3Adapter} in a JVM of
 * its own ({@link SyncWorker}, {@code -Xmx256m}), against the local S3Proxy that bench/bucket-scale.sh
 * starts. Not a JUnit test.
 */
public final class BucketScaleBench {

    private static final long KIB = 1024;
    /**
     * {@code bench.keys=flat}: the same names with '-' for '/' ({@code records-pNNNN-sNN-doc-NNNNNN.txt}), so a
     * file-system store makes no folders on disk; {@code prefixed} (the default):
     * ten keys in each of count/10 prefixes two levels deep ({@code records/pNNNN/sNN/}).
     */
    private static final boolean FLAT = "flat".equals(System.getProperty("bench.keys", "prefixed"));

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String identity = args[1];
        String credential = args[2];
        Path out = Path.of(args[3]);
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "2000,20000,120000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx" + System.getProperty("bench.workerHeap", "256m"),
                "-Xlog:gc:file=" + out.resolve("scale-gc.log"), "-XX:+ExitOnOutOfMemoryError",
                "-Dlogback.configurationFile=bench/logback-bench.xml",
                "-cp", System.getProperty("java.class.path"), SyncWorker.class.getName(),
                endpoint.toString(), identity, credential, "1000");
        StringBuilder table = new StringBuilder()
                .append("| objects | MiB | sync s | sync heap peak MiB | sync requests | verify s | delete s"
                        + " | delete heap peak MiB | delete requests | load average |\n")
                .append("|---:|---:|---:|---:|---|---:|---:|---:|---|---|\n");
        try (S3Client s3 = AwsClients.s3(Region.US_EAST_1, endpoint, credentials)) {
            BucketSyncBench.Worker worker = BucketSyncBench.Worker.start(command, out.resolve("scale-worker.log"));
            try {
                // warm-up: the worker's JIT and the server's have seen a sync and a deletion before the first timed one
                long warmBytes = fill(s3, "scale-warm-src", 2000);
                s3.createBucket(request -> request.bucket("scale-warm-dst"));
                worker.ask("sync scale-warm-src scale-warm-dst");
                worker.ask("delete scale-warm-dst");
                worker.ask("delete scale-warm-src");
                log("warm-up done (%d bytes)", warmBytes);
                for (int size : sizes) {
                    String source = "scale-src-" + size;
                    String destination = "scale-dst-" + size;
                    long bytes = fill(s3, source, size);
                    s3.createBucket(request -> request.bucket(destination));
                    String load = RunBench.loadAverage();
                    Map<String, String> sync = worker.ask("sync " + source + " " + destination);
                    log("%,d objects: sync %.2f s, heap peak %s MiB, %s (load %s)", size, seconds(sync),
                            sync.get("heapPeakMiB"), sync.get("requests"), RunBench.loadAverage());
                    Map<String, String> verify = worker.ask("verify " + source + " " + destination);
                    log("%,d objects: verify %.2f s, the same: %s", size, seconds(verify), verify.get("same"));
                    if (!"true".equals(verify.get("same"))) {
                        throw new IllegalStateException("the copy of " + size + " objects differs: " + verify);
                    }
                    Map<String, String> delete = worker.ask("delete " + destination);
                    if (!String.valueOf(size).equals(delete.get("deleted"))) {
                        throw new IllegalStateException("deleted " + delete.get("deleted") + " of " + size);
                    }
                    worker.ask("delete " + source); // untimed: frees the server's memory
                    String line = String.format(Locale.ROOT, "| %,d | %.0f | %.2f | %s | %s | %.2f | %.2f | %s | %s | %s → %s |",
                            size, bytes / 1048576.0, seconds(sync), sync.get("heapPeakMiB"), sync.get("requests"),
                            seconds(verify), seconds(delete), delete.get("heapPeakMiB"), delete.get("requests"),
                            load, RunBench.loadAverage());
                    table.append(line).append('\n');
                    log("%s", line);
                    Files.writeString(out.resolve("scale-summary.md"), table);
                }
            } finally {
                worker.quit();
                worker.kill();
            }
        }
        System.out.print(table);
    }

    private static double seconds(Map<String, String> answer) {
        return Long.parseLong(answer.get("nanos")) / 1e9;
    }

    /** A new bucket of {@code count} objects of 5–20 KiB, ten in each of count/10 prefixes (or flat); its size in bytes. */
    private static long fill(S3Client s3, String bucket, int count) throws Exception {
        s3.createBucket(request -> request.bucket(bucket));
        Random random = new Random(20_240_602L + count);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long bytes = 0;
        long started = System.nanoTime();
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = (FLAT ? "records-p%04d-s%02d-doc-%06d.txt" : "records/p%04d/s%02d/doc-%06d.txt")
                        .formatted(i / 200, (i / 10) % 20, i);
                int size = (int) (5 * KIB + random.nextDouble() * 15 * KIB);
                long seed = random.nextLong();
                bytes += size;
                puts.add(pool.submit(() -> {
                    byte[] content = new byte[size];
                    new SplittableRandom(seed).nextBytes(content);
                    // the answer is not kept: 200,000 of them fill a 2 GiB heap
                    s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(content));
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        log("filled %s: %,d objects, %,d bytes in %.1f s", bucket, count, bytes, (System.nanoTime() - started) / 1e9);
        return bytes;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "%tT " + format + "%n", prepend(System.currentTimeMillis(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
