package dev.cutover.aws.s3;

import dev.cutover.step.StepFailedException;
import java.util.List;
import java.util.Locale;
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
 * Empties a bucket and deletes it, one batch at a time: the first page of its listing (up to
 * {@code maxKeys}, at most 1000) deleted with one DeleteObjects; once the listing is empty, the
 * bucket. In a bucket that has ever had versioning, the pages list every version and delete marker
 * instead, each deleted by its version id. Listing from the start each time needs no marker into
 * what was just deleted, and finds what was uploaded meanwhile.
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

    /** One batch of deleting the (existing) bucket: its first page deleted, or the bucket once it is empty. */
    DeletionBatch batch(String bucket, int maxKeys) {
        if (maxKeys < 1 || maxKeys > BATCH) {
            throw new IllegalArgumentException("a deletion batch holds 1 to " + BATCH + " keys, not " + maxKeys);
        }
        boolean versioned = hasVersions(bucket);
        List<ObjectIdentifier> page = versioned ? firstVersions(bucket, maxKeys) : firstObjects(bucket, maxKeys);
        if (!page.isEmpty()) {
            int deleted = deleteBatch(bucket, page);
            log.info("Deleting S3 bucket '{}': deleted {} {}", bucket, format(deleted),
                    versioned ? "object versions and delete markers" : "objects");
            return DeletionBatch.deletedSome(deleted);
        }
        try {
            s3.deleteBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException goneMeanwhile) {
            log.info("S3 bucket '{}' was deleted by someone else meanwhile", bucket);
            return DeletionBatch.wasGone();
        } catch (S3Exception e) {
            if ("BucketNotEmpty".equals(errorCode(e))) {
                // uploads that came in since the listing: the next batch deletes those too
                log.info("S3 bucket '{}' received objects since it was listed empty; the next batch deletes them", bucket);
                return DeletionBatch.notEmpty();
            }
            throw refusedOr(bucket, "delete the bucket", e);
        }
        log.info("Deleted S3 bucket '{}', now empty", bucket);
        return DeletionBatch.bucketDeleted();
    }

    /** Whether versioning is, or ever was, on: then deleting a key only adds a delete marker. */
    private boolean hasVersions(String bucket) {
        BucketVersioningStatus status = call(bucket, "read its versioning",
                () -> s3.getBucketVersioning(request -> request.bucket(bucket)).status());
        return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
    }

    private List<ObjectIdentifier> firstObjects(String bucket, int maxKeys) {
        return call(bucket, "list its objects", () -> s3.listObjectsV2(request -> request.bucket(bucket)
                .maxKeys(maxKeys))).contents().stream()
                .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                .toList();
    }

    private List<ObjectIdentifier> firstVersions(String bucket, int maxKeys) {
        ListObjectVersionsResponse page = call(bucket, "list its object versions",
                () -> s3.listObjectVersions(request -> request.bucket(bucket).maxKeys(maxKeys)));
        return Stream.concat(
                page.versions().stream().map(version -> identifier(version.key(), version.versionId())),
                page.deleteMarkers().stream().map(marker -> identifier(marker.key(), marker.versionId())))
                .limit(maxKeys)
                .toList();
    }

    /** One DeleteObjects, not quiet: S3 answers 200 even when it refused some keys, and names them. */
    private int deleteBatch(String bucket, List<ObjectIdentifier> batch) {
        DeleteObjectsResponse response = call(bucket, "delete " + batch.size() + " objects", () -> s3.deleteObjects(
                request -> request.bucket(bucket).delete(delete -> delete.objects(batch).quiet(false))));
        List<S3Error> errors = response.hasErrors() ? response.errors() : List.of();
        if (!errors.isEmpty()) {
            String named = errors.stream().limit(ERRORS_NAMED)
                    .map(error -> "'" + error.key() + "'" + (error.versionId() == null ? "" : " version "
                            + error.versionId()) + " (" + error.code() + ": " + error.message() + ")")
                    .collect(Collectors.joining(", "));
            throw new StepFailedException("S3 refused to delete " + errors.size() + " of " + batch.size()
                    + " objects in bucket '" + bucket + "' (" + format(response.deleted().size())
                    + " deleted so far, in this batch): " + named + (errors.size() > ERRORS_NAMED ? ", …" : ""));
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
