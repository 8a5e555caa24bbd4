package dev.cutover.aws.s3;

import dev.cutover.step.StepFailedException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Empties a bucket and deletes it: the first page of its listing (up to 1000) deleted with one
 * DeleteObjects, until the listing is empty; in a bucket that has ever had versioning, the pages
 * list every version and delete marker instead, each deleted by its version id. A count comes
 * first, for progress.
 */
final class BucketDeletion {

    static final int BATCH = 1000;
    private static final int ERRORS_NAMED = 5;
    private static final int FORBIDDEN = 403;
    private static final Logger log = LoggerFactory.getLogger(BucketDeletion.class);

    private final S3Client s3;

    BucketDeletion(S3Client s3) {
        this.s3 = s3;
    }

    /** Deletes the (existing) bucket with everything in it: how many objects (or versions) were deleted. */
    long delete(String bucket) {
        boolean versioned = hasVersions(bucket);
        long deleted = versioned ? deleteEveryVersion(bucket) : deleteEveryObject(bucket);
        try {
            s3.deleteBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException goneMeanwhile) {
            log.info("S3 bucket '{}' was deleted by someone else meanwhile", bucket);
        } catch (S3Exception e) {
            if ("BucketNotEmpty".equals(errorCode(e))) {
                // uploads that came in while it was emptied: a retry deletes them too
                throw new IllegalStateException("S3 bucket '" + bucket + "' received objects while it was emptied ("
                        + format(deleted) + " deleted); a retry deletes those too", e);
            }
            throw refusedOr(bucket, "delete the bucket", e);
        }
        log.info("Deleted S3 bucket '{}' and the {} {} it held", bucket, format(deleted),
                versioned ? "object versions and delete markers" : "objects");
        return deleted;
    }

    /** Whether versioning is, or ever was, on: then deleting a key only adds a delete marker. */
    private boolean hasVersions(String bucket) {
        BucketVersioningStatus status = call(bucket, "read its versioning",
                () -> s3.getBucketVersioning(request -> request.bucket(bucket)).status());
        return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
    }

    private long deleteEveryObject(String bucket) {
        long total = call(bucket, "count its objects", () -> s3.listObjectsV2Paginator(request -> request
                .bucket(bucket).maxKeys(BATCH)).stream().mapToLong(page -> page.contents().size()).sum());
        log.info("Deleting S3 bucket '{}': {} objects to delete", bucket, format(total));
        return deleteInBatches(bucket, total, "objects", () -> call(bucket, "list its objects",
                () -> s3.listObjectsV2(request -> request.bucket(bucket).maxKeys(BATCH))).contents().stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                .toList());
    }

    private long deleteEveryVersion(String bucket) {
        long total = call(bucket, "count its object versions", () -> s3.listObjectVersionsPaginator(request -> request
                .bucket(bucket).maxKeys(BATCH)).stream()
                .mapToLong(page -> page.versions().size() + page.deleteMarkers().size()).sum());
        log.info("Deleting versioned S3 bucket '{}': {} object versions and delete markers to delete", bucket,
                format(total));
        return deleteInBatches(bucket, total, "object versions and delete markers", () -> {
            ListObjectVersionsResponse page = call(bucket, "list its object versions",
                    () -> s3.listObjectVersions(request -> request.bucket(bucket).maxKeys(BATCH)));
            return Stream.concat(
                    page.versions().stream().map(version -> identifier(version.key(), version.versionId())),
                    page.deleteMarkers().stream().map(marker -> identifier(marker.key(), marker.versionId())))
                    .toList();
        });
    }

    /**
     * Deletes the first page of the listing until the listing is empty. Listing from the start each
     * time needs no marker into what was just deleted, and finds what was uploaded meanwhile.
     */
    private long deleteInBatches(String bucket, long total, String what, Supplier<List<ObjectIdentifier>> firstPage) {
        long deleted = 0;
        Set<ObjectIdentifier> lastBatch = Set.of();
        while (true) {
            List<ObjectIdentifier> batch = firstPage.get();
            if (batch.isEmpty()) {
                return deleted;
            }
            if (lastBatch.contains(batch.get(0))) {
                throw new IllegalStateException("S3 still lists '" + batch.get(0).key() + "' in bucket '" + bucket
                        + "' after reporting it deleted");
            }
            deleted += deleteBatch(bucket, batch, deleted);
            log.info("Deleting S3 bucket '{}': deleted {} of ~{} {}", bucket, format(deleted), format(total), what);
            lastBatch = new HashSet<>(batch);
        }
    }

    /** One DeleteObjects, not quiet: S3 answers 200 even when it refused some keys, and names them. */
    private int deleteBatch(String bucket, List<ObjectIdentifier> batch, long deletedBefore) {
        DeleteObjectsResponse response = call(bucket, "delete " + batch.size() + " objects", () -> s3.deleteObjects(
                request -> request.bucket(bucket).delete(delete -> delete.objects(batch).quiet(false))));
        List<S3Error> errors = response.hasErrors() ? response.errors() : List.of();
        if (!errors.isEmpty()) {
            String named = errors.stream().limit(ERRORS_NAMED)
                    .map(error -> "'" + error.key() + "'" + (error.versionId() == null ? "" : " version "
                            + error.versionId()) + " (" + error.code() + ": " + error.message() + ")")
                    .collect(Collectors.joining(", "));
            throw new StepFailedException("S3 refused to delete " + errors.size() + " of " + batch.size()
                    + " objects in bucket '" + bucket + "' (" + format(deletedBefore + response.deleted().size())
                    + " deleted so far): " + named + (errors.size() > ERRORS_NAMED ? ", …" : ""));
        }
        return response.deleted().size();
    }

    private static ObjectIdentifier identifier(String key, String versionId) {
        return ObjectIdentifier.builder().key(key).versionId(versionId).build();
    }

    private static <T> T call(String bucket, String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (S3Exception e) {
            throw refusedOr(bucket, action, e);
        }
    }

    private static RuntimeException refusedOr(String bucket, String action, S3Exception e) {
        if (e.statusCode() == FORBIDDEN) {
            return new StepFailedException("S3 refuses us access to bucket '" + bucket + "' (403 " + errorCode(e)
                    + "): cannot " + action + "; the bucket belongs to another AWS account, or our credentials lack"
                    + " the permission", e);
        }
        return e;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String format(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
