package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Day 2's "delete the old media bucket", on S3Proxy: emptied in batches of 1000, then deleted. */
class S3AdapterDeleteBucketTest {

    private static final String OLD_MEDIA = "clearmyrecord-media-heroku";
    private static final int UPLOADS = 1234;

    @RegisterExtension
    final LocalS3 localS3 = new LocalS3();

    private final List<String> callsToS3 = new ArrayList<>();
    private S3Client s3;
    private S3Adapter adapter;

    @BeforeEach
    void s3OnS3Proxy() {
        s3 = localS3.client();
        adapter = new S3Adapter(localS3.observed(callsToS3::add));
    }

    @Test
    void deletesEveryObjectInBatchesOf1000_thenTheBucket() {
        givenTheOldBucketWith(UPLOADS);

        Ensured<Long> result = adapter.ensureBucketDeleted(OLD_MEDIA);

        assertThat(result).isEqualTo(Ensured.changed((long) UPLOADS));
        assertThat(callsToS3.stream().filter("deleteObjects"::equals)).hasSize(2);
        assertThat(callsToS3).endsWith("deleteBucket");
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(OLD_MEDIA))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void batchByBatch_tenAJob_theBucketGoesWithTheBatchThatFindsItEmpty() {
        givenTheOldBucketWith(UPLOADS);

        long deleted = 0;
        int batches = 0;
        DeletionBatch batch;
        do {
            batch = adapter.deleteBucketBatch(OLD_MEDIA, 10);
            deleted += batch.deleted();
            batches++;
            assertThat(batch.deleted()).isLessThanOrEqualTo(10);
        } while (!batch.bucketGone());

        assertThat(deleted).isEqualTo(UPLOADS);
        assertThat(batches).isEqualTo((UPLOADS + 9) / 10 + 1);
        assertThat(callsToS3.stream().filter("deleteObjects"::equals)).hasSize((UPLOADS + 9) / 10);
        assertThat(batch.alreadyGone()).isFalse();
        assertThat(adapter.deleteBucketBatch(OLD_MEDIA, 10).alreadyGone()).isTrue();
    }

    @Test
    void inAVersionedBucket_deletesEveryVersionAndDeleteMarker() {
        givenTheOldBucketWith(700);
        s3.putBucketVersioning(b -> b.bucket(OLD_MEDIA).versioningConfiguration(v -> v.status("Enabled")));
        for (int i = 1; i <= 400; i++) {
            String key = "petitions/2019/petition-" + String.format("%05d", i) + ".pdf";
            s3.putObject(b -> b.bucket(OLD_MEDIA).key(key), RequestBody.fromString("%PDF-1.4 corrected " + key));
        }
        for (int i = 601; i <= 700; i++) {
            String key = "petitions/2019/petition-" + String.format("%05d", i) + ".pdf";
            s3.deleteObject(b -> b.bucket(OLD_MEDIA).key(key));
        }

        Ensured<Long> result = adapter.ensureBucketDeleted(OLD_MEDIA);

        // 700 first versions, 400 second ones, 100 delete markers
        assertThat(result).isEqualTo(Ensured.changed(1200L));
        assertThat(callsToS3).contains("getBucketVersioning", "listObjectVersions").doesNotContain("listObjectsV2");
        assertThat(callsToS3.stream().filter("deleteObjects"::equals)).hasSize(2);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(OLD_MEDIA))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void deletesAnEmptyBucketWithoutDeletingObjects() {
        s3.createBucket(b -> b.bucket(OLD_MEDIA));

        Ensured<Long> result = adapter.ensureBucketDeleted(OLD_MEDIA);

        assertThat(result).isEqualTo(Ensured.changed(0L));
        assertThat(callsToS3).doesNotContain("deleteObjects").endsWith("deleteBucket");
    }

    @Test
    void aBucketAlreadyGoneIsAlreadyDone() {
        Ensured<Long> result = adapter.ensureBucketDeleted(OLD_MEDIA);

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value()).isZero();
        assertThat(callsToS3).containsExactly("headBucket");
    }

    @Test
    void aSecondCallFindsTheBucketGone() {
        givenTheOldBucketWith(3);
        adapter.ensureBucketDeleted(OLD_MEDIA);
        callsToS3.clear();

        Ensured<Long> again = adapter.ensureBucketDeleted(OLD_MEDIA);

        assertThat(again).isEqualTo(Ensured.alreadyDone(0L));
        assertThat(callsToS3).containsExactly("headBucket");
    }

    private void givenTheOldBucketWith(int objects) {
        s3.createBucket(b -> b.bucket(OLD_MEDIA));
        for (int i = 1; i <= objects; i++) {
            String key = "petitions/2019/petition-" + String.format("%05d", i) + ".pdf";
            s3.putObject(b -> b.bucket(OLD_MEDIA).key(key), RequestBody.fromString("%PDF-1.4 " + key));
        }
    }

}
