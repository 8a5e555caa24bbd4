package dev.cutover.bench;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.aws.s3.SyncBatch;
import dev.cutover.aws.s3.SyncVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The project's bucket sync as the Day 1 step runs it, in a JVM of its own (started by
 * {@link BucketSyncBench} with -Xmx256m) that stays up, and so warm, for the whole benchmark.
 * Commands on stdin, one a line: {@code sync SOURCE DESTINATION}, {@code verify SOURCE DESTINATION},
 * {@code delete BUCKET}, {@code quit}; each answer is one stdout line starting with {@value #ANSWER}.
 */
public final class SyncWorker {

    static final String ANSWER = "@@ ";
    private static final long MIB = 1024 * 1024;

    private SyncWorker() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2]));
        int maxKeys = Integer.parseInt(args[3]);
        HeapWatch heap = new HeapWatch();
        heap.start();
        try (S3Client client = AwsClients.s3(Region.US_EAST_1, endpoint, credentials)) {
            S3Port s3 = adapter(client);
            answer("ready maxHeapMiB=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / MIB);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] command = line.split(" ");
                try {
                    answer(switch (command[0]) {
                        case "sync" -> sync(s3, command[1], command[2], maxKeys, heap);
                        case "verify" -> verify(s3, command[1], command[2]);
                        case "delete" -> delete(s3, command[1], heap);
                        default -> throw new IllegalArgumentException("unknown command " + command[0]);
                    });
                } catch (Exception | OutOfMemoryError e) {
                    answer("error " + e.toString().replace('\n', ' '));
                }
            }
            if (s3 instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** The Day 1 step from its start to its end: batch after batch until the last. */
    private static String sync(S3Port s3, String source, String destination, int maxKeys, HeapWatch heap) {
        RequestCounter.takeCounts();
        heap.reset();
        int batches = 0;
        long seen = 0;
        long copied = 0;
        long bytesCopied = 0;
        long slowestBatch = 0;
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        String startAfter = null;
        SyncBatch batch;
        do {
            long batchStart = System.nanoTime();
            batch = s3.syncBatch(source, destination, startAfter, maxKeys);
            slowestBatch = Math.max(slowestBatch, System.nanoTime() - batchStart);
            startAfter = batch.nextStartAfter();
            batches++;
            seen += batch.objectsSeen();
            copied += batch.objectsCopied();
            bytesCopied += batch.bytesCopied();
        } while (!batch.last());
        long nanos = System.nanoTime() - start;
        return "ok nanos=" + nanos + " cpuNanos=" + (cpuNanos() - cpuBefore) + " batches=" + batches
                + " slowestBatchMs=" + slowestBatch / 1_000_000 + " seen=" + seen + " copied=" + copied
                + " bytesCopied=" + bytesCopied + " heapPeakMiB=" + heap.peakMiB() + " poolPeaksMiB=" + heap.poolPeaksMiB()
                + " requests=" + requests(RequestCounter.takeCounts());
    }

    /** Day 2's "delete the old media bucket": every object in batches of 1,000, then the bucket. */
    private static String delete(S3Port s3, String bucket, HeapWatch heap) {
        RequestCounter.takeCounts();
        heap.reset();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        var deleted = s3.ensureBucketDeleted(bucket);
        long nanos = System.nanoTime() - start;
        return "ok nanos=" + nanos + " cpuNanos=" + (cpuNanos() - cpuBefore) + " deleted=" + deleted.value()
                + " heapPeakMiB=" + heap.peakMiB() + " poolPeaksMiB=" + heap.poolPeaksMiB()
                + " requests=" + requests(RequestCounter.takeCounts());
    }

    private static String verify(S3Port s3, String source, String destination) {
        RequestCounter.takeCounts();
        long start = System.nanoTime();
        SyncVerification verification = s3.verifyCopy(source, destination);
        long nanos = System.nanoTime() - start;
        return "ok nanos=" + nanos + " same=" + verification.same() + " objects=" + verification.sourceObjects()
                + " requests=" + requests(RequestCounter.takeCounts());
    }

    /** Per operation: requests, and their mean time from sending to the answer, e.g. {@code ListObjectsV2:40@178ms}. */
    private static String requests(Map<String, RequestCounter.Count> counts) {
        return counts.isEmpty() ? "-" : counts.entrySet().stream()
                .map(count -> count.getKey() + ":" + count.getValue().requests() + "@"
                        + count.getValue().nanos() / count.getValue().requests() / 1_000_000 + "ms")
                .collect(Collectors.joining(","));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    // S3Adapter is package-private: built here the way LiveS3 builds it, on the same kind of client
    private static S3Port adapter(S3Client client) throws ReflectiveOperationException {
        Constructor<?> constructor = Class.forName("dev.cutover.aws.s3.S3Adapter").getDeclaredConstructor(S3Client.class);
        constructor.setAccessible(true);
        return (S3Port) constructor.newInstance(client);
    }

    private static synchronized void answer(String line) {
        System.out.println(ANSWER + line);
        System.out.flush();
    }

    /** The most heap in use at any sample (every 5 ms) since the last reset. */
    private static final class HeapWatch extends Thread {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final AtomicLong peak = new AtomicLong();

        HeapWatch() {
            super("heap-watch");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            peak.set(memory.getHeapMemoryUsage().getUsed());
        }

        /** The heap pools' peaks added up: an upper bound, as they need not peak at the same moment. */
        long poolPeaksMiB() {
            return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / MIB;
        }

        long peakMiB() {
            return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed()) / MIB;
        }
    }
}
