package dev.cutover.aws.s3;

import dev.cutover.aws.s3.SyncDecision.Listed;
import dev.cutover.aws.s3.SyncDecision.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The bucket sync on S3: per batch one listing of each bucket (side by side), then server-side
 * copies on a bounded pool of threads. Only same-size objects whose ETags differ cost a
 * HeadObject, so a batch with nothing to copy costs its two listings and nothing else.
 */
final class BucketSync implements AutoCloseable {

    static final int MAX_KEYS = 1000;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    private static final Duration BASE_TIMEOUT = Duration.ofSeconds(30);
    // a slow server-side copy still moves this much per second: bigger copies get longer timeouts
    private static final long SLOWEST_COPY_BYTES_PER_SECOND = 16 * CopySettings.MIB;
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final CopySettings settings;
    private final ExecutorService pool;
    // learned from CopyObject answers (SSE-KMS): copies there never keep the source's ETag
    private final Set<String> bucketsGivingCopiesNewETags = ConcurrentHashMap.newKeySet();

    BucketSync(S3Client s3, CopySettings settings) {
        this.s3 = s3;
        this.settings = settings;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.threads(), settings.threads(),
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("s3-copy-"));
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    SyncBatch syncBatch(String source, String destination, Instant modifiedSince, String startAfter, int maxKeys) {
        if (maxKeys < 1 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("a sync batch lists 1 to " + MAX_KEYS + " keys, not " + maxKeys);
        }
        CompletableFuture<ListObjectsV2Response> destinationFirstPage =
                CompletableFuture.supplyAsync(() -> list(destination, startAfter, null, maxKeys), pool);
        ListObjectsV2Response sourcePage = list(source, startAfter, null, maxKeys);
        List<Listed> sourceObjects = listed(sourcePage.contents());
        if (sourceObjects.isEmpty()) {
            destinationFirstPage.cancel(false);
            return new SyncBatch(null, 0, 0, 0, 0);
        }
        String lastKey = sourceObjects.get(sourceObjects.size() - 1).key();
        List<Listed> wanted = modifiedSince == null ? sourceObjects : listed(sourcePage.contents().stream()
                .filter(object -> object.lastModified() == null || !object.lastModified().isBefore(modifiedSince))
                .toList());
        Plan plan = SyncDecision.plan(wanted, destinationUpTo(destination, lastKey, join(destinationFirstPage)));

        List<CompletableFuture<Listed>> copies = new ArrayList<>();
        plan.copy().forEach(listed -> copies.add(copy(source, destination, listed)));
        plan.check().forEach(listed -> copies.add(unlessRecorded(source, destination, listed)));
        join(CompletableFuture.allOf(copies.toArray(CompletableFuture[]::new)));

        int objectsCopied = 0;
        long bytesCopied = 0;
        for (CompletableFuture<Listed> copy : copies) {
            Listed copied = copy.join();
            if (copied != null) {
                objectsCopied++;
                bytesCopied += copied.size();
            }
        }
        long bytesSeen = sourceObjects.stream().mapToLong(Listed::size).sum();
        boolean more = Boolean.TRUE.equals(sourcePage.isTruncated());
        return new SyncBatch(more ? lastKey : null, sourceObjects.size(), bytesSeen, objectsCopied, bytesCopied);
    }

    SyncVerification verifyCopy(String source, String destination) {
        return SyncDecision.verify(everything(source), everything(destination));
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    /** The destination's keys after the batch's start up to its last source key, paging only past extra keys. */
    private List<Listed> destinationUpTo(String destination, String lastKey, ListObjectsV2Response page) {
        List<Listed> range = new ArrayList<>();
        while (true) {
            List<Listed> objects = listed(page.contents());
            for (Listed object : objects) {
                if (SyncDecision.compareKeys(object.key(), lastKey) > 0) {
                    return range;
                }
                range.add(object);
            }
            if (!Boolean.TRUE.equals(page.isTruncated()) || objects.isEmpty()
                    || objects.get(objects.size() - 1).key().equals(lastKey)) {
                return range;
            }
            page = list(destination, null, page.nextContinuationToken(), MAX_KEYS);
        }
    }

    /**
     * Same size, another ETag: copied already if the copy records the source's ETag, or if the source
     * is itself the recorded copy of the destination's object (copying uploads back), else copied now.
     */
    private CompletableFuture<Listed> unlessRecorded(String source, String destination, Listed listed) {
        return CompletableFuture.supplyAsync(() -> headIfThere(destination, listed.key()), pool)
                .thenCompose(there -> there != null && (SyncDecision.recordedAsCopyOf(listed, there.metadata())
                        || copyOfDestination(source, listed, there))
                        ? CompletableFuture.completedFuture(null)
                        : copy(source, destination, listed));
    }

    private boolean copyOfDestination(String source, Listed listed, HeadObjectResponse there) {
        HeadObjectResponse original = head(source, listed.key(), listed.eTag());
        return SyncDecision.recordedAsCopyOf(new Listed(listed.key(), listed.size(), there.eTag()),
                original.metadata());
    }

    private CompletableFuture<Listed> copy(String source, String destination, Listed listed) {
        var kind = SyncDecision.copyKind(listed, settings.multipartAbove(),
                bucketsGivingCopiesNewETags.contains(destination));
        return switch (kind) {
            case PLAIN -> CompletableFuture.supplyAsync(() -> plainCopy(source, destination, listed), pool);
            case RECORDED -> CompletableFuture.supplyAsync(() -> recordedCopy(source, destination, listed), pool);
            case MULTIPART -> multipartCopy(source, destination, listed);
        };
    }

    /** CopyObject as {@code aws s3 sync} does it: S3 keeps the source's metadata, the copy gets its ETag. */
    private Listed plainCopy(String source, String destination, Listed listed) {
        CopyObjectResponse copied = call(source, destination, listed, () -> s3.copyObject(request -> request
                .sourceBucket(source).sourceKey(listed.key())
                .destinationBucket(destination).destinationKey(listed.key())
                .copySourceIfMatch(quoted(listed.eTag()))
                .overrideConfiguration(timeoutFor(listed.size()))));
        String copyETag = copied.copyObjectResult() == null ? null : copied.copyObjectResult().eTag();
        if (SyncDecision.sameETag(copyETag, listed.eTag())) {
            return listed;
        }
        if (kms(copied.serverSideEncryption())) {
            bucketsGivingCopiesNewETags.add(destination);
        }
        // a copy whose ETag differs (SSE-KMS, either side) would look changed to every later batch
        return recordedCopy(source, destination, listed);
    }

    /** CopyObject replacing the metadata: the source's own, plus its ETag recorded. */
    private Listed recordedCopy(String source, String destination, Listed listed) {
        HeadObjectResponse original = head(source, listed.key(), listed.eTag());
        call(source, destination, listed, () -> s3.copyObject(request -> request
                .sourceBucket(source).sourceKey(listed.key())
                .destinationBucket(destination).destinationKey(listed.key())
                .copySourceIfMatch(quoted(listed.eTag()))
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType(original.contentType())
                .contentEncoding(original.contentEncoding())
                .contentDisposition(original.contentDisposition())
                .contentLanguage(original.contentLanguage())
                .cacheControl(original.cacheControl())
                .expires(original.expires())
                .websiteRedirectLocation(original.websiteRedirectLocation())
                .metadata(recording(original.metadata(), listed))
                .overrideConfiguration(timeoutFor(listed.size()))));
        return listed;
    }

    /** CreateMultipartUpload, the parts' UploadPartCopy side by side, CompleteMultipartUpload; abort on failure. */
    private CompletableFuture<Listed> multipartCopy(String source, String destination, Listed listed) {
        String key = listed.key();
        return CompletableFuture.supplyAsync(() -> {
            HeadObjectResponse original = head(source, key, listed.eTag());
            return call(source, destination, listed, () -> s3.createMultipartUpload(request -> request
                    .bucket(destination).key(key)
                    .contentType(original.contentType())
                    .contentEncoding(original.contentEncoding())
                    .contentDisposition(original.contentDisposition())
                    .contentLanguage(original.contentLanguage())
                    .cacheControl(original.cacheControl())
                    .expires(original.expires())
                    .websiteRedirectLocation(original.websiteRedirectLocation())
                    .metadata(recording(original.metadata(), listed))).uploadId());
        }, pool).thenCompose(uploadId -> {
            long partSize = Math.max(settings.partSize(), (listed.size() + MAX_PARTS - 1) / MAX_PARTS);
            List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
            int number = 1;
            for (long first = 0; first < listed.size(); first += partSize, number++) {
                long length = Math.min(partSize, listed.size() - first);
                int partNumber = number;
                String range = "bytes=" + first + "-" + (first + length - 1);
                parts.add(CompletableFuture.supplyAsync(() -> call(source, destination, listed,
                        () -> CompletedPart.builder().partNumber(partNumber).eTag(s3.uploadPartCopy(request -> request
                                .sourceBucket(source).sourceKey(key)
                                .destinationBucket(destination).destinationKey(key)
                                .uploadId(uploadId).partNumber(partNumber)
                                .copySourceRange(range)
                                .copySourceIfMatch(quoted(listed.eTag()))
                                .overrideConfiguration(timeoutFor(length)))
                                .copyPartResult().eTag()).build()), pool));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(allCopied -> {
                        List<CompletedPart> completed = parts.stream().map(CompletableFuture::join).toList();
                        call(source, destination, listed, () -> s3.completeMultipartUpload(request -> request
                                .bucket(destination).key(key).uploadId(uploadId)
                                .multipartUpload(upload -> upload.parts(completed))
                                .overrideConfiguration(timeoutFor(listed.size()))));
                        return listed;
                    }, pool)
                    .whenComplete((copied, failure) -> {
                        if (failure != null) {
                            abort(destination, key, uploadId, failure);
                        }
                    });
        });
    }

    private void abort(String destination, String key, String uploadId, Throwable failure) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(destination).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // the copy's own failure is what matters; a lifecycle rule reaps what is left
            failure.addSuppressed(e);
        }
    }

    private HeadObjectResponse head(String bucket, String key, String ifMatch) {
        try {
            return s3.headObject(request -> request.bucket(bucket).key(key).ifMatch(quoted(ifMatch)));
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                throw changedMeanwhile(bucket, key, e);
            }
            throw new IllegalStateException("cannot read s3://" + bucket + "/" + key + ": " + message(e), e);
        }
    }

    private HeadObjectResponse headIfThere(String bucket, String key) {
        try {
            return head(bucket, key, null);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof S3Exception s3Error && s3Error.statusCode() == NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private ListObjectsV2Response list(String bucket, String startAfter, String continuationToken, int maxKeys) {
        try {
            return s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(maxKeys)
                    .startAfter(continuationToken == null ? startAfter : null)
                    .continuationToken(continuationToken));
        } catch (NoSuchBucketException e) {
            throw noSuchBucket(bucket, e);
        }
    }

    private Iterator<Listed> everything(String bucket) {
        Iterator<S3Object> objects = s3.listObjectsV2Paginator(request -> request.bucket(bucket).maxKeys(MAX_KEYS))
                .contents().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return objects.hasNext();
                } catch (NoSuchBucketException e) {
                    throw noSuchBucket(bucket, e);
                }
            }

            @Override
            public Listed next() {
                return listed(objects.next());
            }
        };
    }

    private static <T> T call(String source, String destination, Listed listed, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException("cannot copy '" + listed.key() + "': S3 bucket '" + source + "' or '"
                    + destination + "' does not exist", e);
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                throw changedMeanwhile(source, listed.key(), e);
            }
            throw cannotCopy(source, destination, listed, message(e), e);
        } catch (SdkException e) {
            throw cannotCopy(source, destination, listed, e.getMessage(), e);
        }
    }

    private static RuntimeException cannotCopy(String source, String destination, Listed listed, String why,
            SdkException e) {
        return new IllegalStateException("cannot copy s3://" + source + "/" + listed.key() + " to s3://"
                + destination + "/" + listed.key() + ": " + why, e);
    }

    private static RuntimeException changedMeanwhile(String bucket, String key, S3Exception e) {
        return new IllegalStateException("s3://" + bucket + "/" + key + " changed while the batch copied it"
                + " (412 Precondition Failed on its listed ETag); the batch's retry lists it again", e);
    }

    private static RuntimeException noSuchBucket(String bucket, S3Exception e) {
        return new IllegalStateException("S3 bucket '" + bucket + "' does not exist: cannot sync", e);
    }

    private static Map<String, String> recording(Map<String, String> metadata, Listed listed) {
        Map<String, String> recorded = new HashMap<>(metadata);
        recorded.put(SyncDecision.SOURCE_ETAG, listed.eTag());
        return recorded;
    }

    private static List<Listed> listed(List<S3Object> objects) {
        return objects.stream().map(BucketSync::listed).toList();
    }

    private static Listed listed(S3Object object) {
        return new Listed(object.key(), object.size() == null ? 0 : object.size(), object.eTag());
    }

    private static boolean kms(ServerSideEncryption encryption) {
        return encryption == ServerSideEncryption.AWS_KMS || encryption == ServerSideEncryption.AWS_KMS_DSSE;
    }

    private static String quoted(String eTag) {
        return eTag == null ? null : "\"" + eTag + "\"";
    }

    private static AwsRequestOverrideConfiguration timeoutFor(long bytes) {
        Duration attempt = BASE_TIMEOUT.plusSeconds(bytes / SLOWEST_COPY_BYTES_PER_SECOND);
        return AwsRequestOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attempt)
                .apiCallTimeout(attempt.multipliedBy(4))
                .build();
    }

    private static String message(S3Exception e) {
        String said = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return said == null ? e.getMessage() : said + " (" + e.statusCode() + ")";
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
