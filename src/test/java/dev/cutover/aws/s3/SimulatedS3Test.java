package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The buckets in the rehearsal's world: the redirect bucket set up before Day 0, and the Heroku
 * uploads synced into the new media bucket as the adapter would.
 */
@SimulatedWorldTest
@Import(SimulatedS3.class)
class SimulatedS3Test {

    @Autowired SimulatedS3 s3;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;
    @Autowired WorldClock clock;

    @BeforeEach
    void freshWorld() {
        world.reset();
    }

    @Test
    void theRedirectBucketAlreadySendsTheApexToWww() {
        Ensured<String> result = s3.ensureRedirectBucket("clearmyrecord.org", "www.clearmyrecord.org", "https");

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value()).isEqualTo("clearmyrecord.org.s3-website-us-east-1.amazonaws.com");
        assertThat(bucketInView("clearmyrecord.org").path("websiteRedirectsTo").asText())
                .isEqualTo("https://www.clearmyrecord.org");
    }

    @Test
    void aRollbackRepointsTheRedirectBucketToTheOldDomain() {
        Ensured<String> result = s3.ensureRedirectBucket(plan.domains().current().name(),
                plan.domains().old().name(), "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(bucketInView("clearmyrecord.org").path("websiteRedirectsTo").asText())
                .isEqualTo("https://clearmyrecord.codeforamerica.org");
    }

    @Test
    void aMissingRedirectBucketIsCreated() {
        Ensured<String> result = s3.ensureRedirectBucket("example.org", "www.example.org", "https");

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(bucketInView("example.org").path("websiteEndpoint").asText())
                .isEqualTo("example.org.s3-website-us-east-1.amazonaws.com");
    }

    @Test
    void theMediaBucketsShowNoWebsite() {
        assertThat(bucketInView(plan.buckets().media()).has("websiteRedirectsTo")).isFalse();
    }

    @Test
    void anOutageFailsTheNextCallAndLeavesTheBucketAsItWas() {
        faults.arm("s3.outage", 1);

        assertThatThrownBy(() -> s3.ensureRedirectBucket("clearmyrecord.org", "clearmyrecord.codeforamerica.org",
                "https")).isInstanceOf(SimulatedOutage.class);
        assertThat(bucketInView("clearmyrecord.org").path("websiteRedirectsTo").asText())
                .isEqualTo("https://www.clearmyrecord.org");
    }

    @Test
    void theHerokuBucketHoldsTheUploads_andTheNewMediaBucketIsEmpty() {
        JsonNode old = bucketInView(plan.buckets().oldMedia());
        JsonNode media = bucketInView(plan.buckets().media());

        assertThat(old.path("objects").asLong()).isEqualTo(1240);
        assertThat(old.path("bytes").asLong()).isGreaterThan(150_000_000L);
        assertThat(old.has("contents")).isFalse();
        assertThat(media.path("objects").asLong()).isZero();
    }

    @Test
    void aFullSyncCopiesEveryUploadInBatches_andTheBucketsVerifySame() {
        List<SyncBatch> batches = syncAll(500);

        assertThat(batches).hasSize(3);
        assertThat(batches.stream().mapToInt(SyncBatch::objectsCopied).sum()).isEqualTo(1240);
        SyncVerification verification = s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media());
        assertThat(verification.same()).isTrue();
        assertThat(verification.destinationBytes())
                .isEqualTo(bucketInView(plan.buckets().oldMedia()).path("bytes").asLong());
        assertThat(bucketInView(plan.buckets().media()).path("objects").asLong()).isEqualTo(1240);
    }

    @Test
    void aResyncCopiesNothing() {
        syncAll(1000);

        List<SyncBatch> again = syncAll(1000);

        assertThat(again.stream().mapToInt(SyncBatch::objectsCopied).sum()).isZero();
        assertThat(again.stream().mapToInt(SyncBatch::objectsSeen).sum()).isEqualTo(1240);
    }

    @Test
    void intoAnSseKmsBucket_copiesRecordTheirSourceETags_soAResyncCopiesNothing() {
        s3.ensureBucketEncrypted(plan.buckets().media(),
                BucketEncryption.kms("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
        syncAll(1000);

        List<SyncBatch> again = syncAll(1000);

        assertThat(again.stream().mapToInt(SyncBatch::objectsCopied).sum()).isZero();
        assertThat(s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).same()).isTrue();
    }

    @Test
    void anUploadChangedSinceTheSyncIsCopiedAlone() {
        syncAll(1000);
        String upload = "petitions/2020/petition-00700.pdf";
        long before = s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).sourceBytes();
        s3.put(plan.buckets().oldMedia(), upload, 123_456);

        List<SyncBatch> again = syncAll(1000);

        assertThat(again.stream().mapToInt(SyncBatch::objectsCopied).sum()).isEqualTo(1);
        assertThat(again.stream().mapToLong(SyncBatch::bytesCopied).sum()).isEqualTo(123_456);
        assertThat(s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()).sourceBytes()).isNotEqualTo(before);
    }

    @Test
    void verificationNamesWhatTheNewBucketLacksOrHasBesides() {
        s3.syncBatch(plan.buckets().oldMedia(), plan.buckets().media(), null, 1000);
        s3.put(plan.buckets().media(), "petitions/zz-uploaded-by-lambda.pdf", 1000);

        SyncVerification verification = s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media());

        assertThat(verification.sourceObjects()).isEqualTo(1240);
        assertThat(verification.destinationObjects()).isEqualTo(1001);
        assertThat(verification.missing()).isEqualTo(240);
        assertThat(verification.extra()).isEqualTo(1);
        assertThat(verification.differences()).hasSize(SyncDecision.MAX_DIFFERENCES + 1)
                .filteredOn(difference -> difference.startsWith("missing: ")).hasSize(SyncDecision.MAX_DIFFERENCES);
    }

    @Test
    void bothMediaBucketsFull_theStoredWorldStaysWellInsideItsColumn() {
        syncAll(1000);

        JsonNode stored = world.stored().get(SimulatedS3.SYSTEM);

        assertThat(stored.toString().length()).isLessThan(300_000);
        assertThat(stored.at("/buckets/" + plan.buckets().media() + "/contents/petitions~12020~1petition-00700.pdf")
                .isArray()).isTrue();
    }

    @Test
    void anOutageFailsTheBatchAndCopiesNothing() {
        faults.arm("s3.outage", 1);

        assertThatThrownBy(() -> s3.syncBatch(plan.buckets().oldMedia(), plan.buckets().media(), null, 1000))
                .isInstanceOf(SimulatedOutage.class);
        assertThat(bucketInView(plan.buckets().media()).path("objects").asLong()).isZero();
    }

    @Test
    void aMergedJsonObjectKeepsItsNamesAndCountsItsWritesButNoValue() {
        String bucket = plan.buckets().media();
        String secret = "postgres://clearmyrecord:Xq7-vT2!pL9mR4kW8zN3@prod.example.rds.amazonaws.com/cmr";

        s3.mergeJsonObject(bucket, "zappa/production_env.json", Map.of("SENTRY_DSN", "https://key@sentry.io/1"));
        s3.mergeJsonObject(bucket, "zappa/production_env.json", Map.of("DATABASE_URL", secret));

        JsonNode object = bucketInView(bucket).path("jsonObjects").path("zappa/production_env.json");
        assertThat(object.path("names").toString()).isEqualTo("[\"DATABASE_URL\",\"SENTRY_DSN\"]");
        assertThat(object.path("writes").asInt()).isEqualTo(2);
        assertThat(world.stored().toString()).doesNotContain(secret, "sentry.io");
    }

    @Test
    void mergingValuesTheJsonObjectAlreadyHoldsWritesNothing() {
        String url = "postgres://clearmyrecord:n3w-Pa55word@db.example/clearmyrecord";
        boolean first = s3.mergeJsonObject(plan.lambda().remoteEnvBucket(), plan.lambda().remoteEnvKey(),
                Map.of(plan.rds().urlVariable(), url));

        boolean again = s3.mergeJsonObject(plan.lambda().remoteEnvBucket(), plan.lambda().remoteEnvKey(),
                Map.of(plan.rds().urlVariable(), url));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(bucketInView(plan.lambda().remoteEnvBucket()).path("jsonObjects")
                .path(plan.lambda().remoteEnvKey()).path("writes").asInt()).isEqualTo(1);
        assertThat(world.stored().toString()).doesNotContain("n3w-Pa55word");
    }

    @Test
    void aJsonObjectNeedsItsBucket() {
        assertThatThrownBy(() -> s3.mergeJsonObject("no-such-bucket", "env.json", Map.of("A", "b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-bucket");
    }

    @Test
    void theRemoteEnvIsThereFromTheStart_namingTheDatabaseUrlAndTheSecretKey() {
        JsonNode remoteEnv = bucketInView(plan.lambda().remoteEnvBucket()).path("jsonObjects")
                .path(plan.lambda().remoteEnvKey());

        assertThat(remoteEnv.path("names").toString()).isEqualTo("[\"DATABASE_URL\",\"SECRET_KEY\"]");
        assertThat(remoteEnv.path("writes").asInt()).isZero();
        assertThat(bucketInView(plan.lambda().remoteEnvBucket()).path("encryption").asText())
                .isEqualTo(BucketEncryption.SSE_S3);
    }

    @Test
    void aNewDatabaseUrlMergedIntoTheRemoteEnvIsOneWriteAndNoNewName() {
        s3.mergeJsonObject(plan.lambda().remoteEnvBucket(), plan.lambda().remoteEnvKey(),
                Map.of(plan.rds().urlVariable(), "postgres://clearmyrecord:n3w-Pa55word@db.example/clearmyrecord"));

        JsonNode remoteEnv = bucketInView(plan.lambda().remoteEnvBucket()).path("jsonObjects")
                .path(plan.lambda().remoteEnvKey());
        assertThat(remoteEnv.path("names").toString()).isEqualTo("[\"DATABASE_URL\",\"SECRET_KEY\"]");
        assertThat(remoteEnv.path("writes").asInt()).isEqualTo(1);
    }

    @Test
    void deletingTheOldMediaBucketLeavesItGone_withWhenAndHowManyObjectsItHeld() {
        Ensured<Long> result = s3.ensureBucketDeleted(plan.buckets().oldMedia());

        assertThat(result).isEqualTo(Ensured.changed((long) SimulatedS3.HEROKU_UPLOADS));
        JsonNode gone = bucketInView(plan.buckets().oldMedia());
        assertThat(gone.path("deleted").asBoolean()).isTrue();
        assertThat(gone.path("deletedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(gone.path("objectsHeld").asLong()).isEqualTo(SimulatedS3.HEROKU_UPLOADS);
        assertThat(gone.has("objects")).isFalse();
        assertThatThrownBy(() -> s3.verifyCopy(plan.buckets().oldMedia(), plan.buckets().media()))
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void aBucketAlreadyDeletedIsAlreadyDone() {
        s3.ensureBucketDeleted(plan.buckets().oldMedia());
        String deletedAt = bucketInView(plan.buckets().oldMedia()).path("deletedAt").asText();

        Ensured<Long> again = s3.ensureBucketDeleted(plan.buckets().oldMedia());

        assertThat(again).isEqualTo(Ensured.alreadyDone(0L));
        assertThat(bucketInView(plan.buckets().oldMedia()).path("deletedAt").asText()).isEqualTo(deletedAt);
        assertThat(s3.ensureBucketDeleted("never-there").outcome()).isEqualTo(Outcome.ALREADY_DONE);
    }

    @Test
    void aRefusedDeletionFailsAsAccessDenied_andTheBucketStays() {
        faults.arm(SimulatedS3.DELETE_REFUSED, 1);

        assertThatThrownBy(() -> s3.ensureBucketDeleted(plan.buckets().oldMedia()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("'" + plan.buckets().oldMedia() + "'", "403 AccessDenied");
        assertThat(bucketInView(plan.buckets().oldMedia()).path("objects").asLong())
                .isEqualTo(SimulatedS3.HEROKU_UPLOADS);
        assertThat(s3.ensureBucketDeleted(plan.buckets().oldMedia()).changed()).isTrue();
    }

    private List<SyncBatch> syncAll(int maxKeys) {
        List<SyncBatch> batches = new ArrayList<>();
        String startAfter = null;
        do {
            SyncBatch batch = s3.syncBatch(plan.buckets().oldMedia(), plan.buckets().media(), startAfter, maxKeys);
            batches.add(batch);
            startAfter = batch.nextStartAfter();
        } while (startAfter != null);
        return batches;
    }

    private JsonNode bucketInView(String bucket) {
        return world.toTree(s3.view()).path("buckets").path(bucket);
    }
}
