package dev.cutover.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests (retries included) every SDK client in this JVM sends, by operation,
 * and how long they took from sending to the answer's headers. Registered as a global interceptor
 * through bench/sdk-interceptors on the benchmark's class path, so the sync's own client is counted
 * without touching how it is built.
 */
public final class RequestCounter implements ExecutionInterceptor {

    record Count(long requests, long nanos) {
    }

    private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("bench.sentAt");
    private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();
    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT_AT, System.nanoTime());
        REQUESTS.computeIfAbsent(operation(attributes), name -> new LongAdder()).increment();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sentAt = attributes.getAttribute(SENT_AT);
        if (sentAt != null) {
            NANOS.computeIfAbsent(operation(attributes), name -> new LongAdder()).add(System.nanoTime() - sentAt);
        }
    }

    /** The counts since the last call, then starts again from zero. */
    static Map<String, Count> takeCounts() {
        Map<String, Count> counts = new TreeMap<>();
        REQUESTS.forEach((operation, sent) -> {
            long requests = sent.sumThenReset();
            LongAdder nanos = NANOS.get(operation);
            long took = nanos == null ? 0 : nanos.sumThenReset();
            if (requests > 0) {
                counts.put(operation, new Count(requests, took));
            }
        });
        return counts;
    }

    private static String operation(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operation == null ? "?" : operation;
    }
}
