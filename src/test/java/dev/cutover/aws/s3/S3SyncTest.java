package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** "Sync the new S3 bucket" on a real S3 server (S3Proxy in the JVM), counting the calls it costs. */
class S3SyncTest {

    private static final String OLD = "clearmyrecord-heroku-media";
    private static final String NEW = "clearmyrecord-media-prod";
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    final LocalS3 localS3 = new LocalS3();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private S3Client s3;
    private S3Adapter adapter;

    @BeforeEach
    void bucketsOnS3Proxy() {
        s3 = localS3.client();
        s3.createBucket(b -> b.bucket(OLD));
        s3.createBucket(b -> b.bucket(NEW));
        adapter = new S3Adapter(localS3.observed(this::count), new CopySettings(8, CopySettings.MAX_SINGLE_COPY, 512 * MIB));
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void copiesEveryObjectBatchByBatch_keepingContentTypeAndMetadata() {
        givenUploads(OLD, 300);

        List<SyncBatch> batches = syncAll(adapter, 50);

        assertThat(batches).hasSize(6);
        assertThat(batches.get(0).nextStartAfter()).isEqualTo(key(50));
        assertThat(batches.get(5).last()).isTrue();
        assertThat(batches.stream().mapToInt(SyncBatch::objectsCopied).sum()).isEqualTo(300);
        assertThat(batches.stream().mapToLong(SyncBatch::bytesCopied).sum())
                .isEqualTo(batches.stream().mapToLong(SyncBatch::bytesSeen).sum());
        assertThat(adapter.verifyCopy(OLD, NEW).same()).isTrue();
        HeadObjectResponse copy = s3.headObject(b -> b.bucket(NEW).key(key(7)));
        assertThat(copy.contentType()).isEqualTo("application/pdf");
        assertThat(copy.metadata()).containsEntry("petition", "7");
        assertThat(copy.eTag()).isEqualTo(s3.headObject(b -> b.bucket(OLD).key(key(7))).eTag());
        assertThat(calls("headObject")).isZero();
    }

    @Test
    void aResyncCopiesNothing_andEachBatchCostsTwoListings() {
        givenUploads(OLD, 120);
        syncAll(adapter, 50);
        calls.clear();

        SyncBatch batch = adapter.syncBatch(OLD, NEW, key(50), 50);

        assertThat(batch.objectsSeen()).isEqualTo(50);
        assertThat(batch.objectsCopied()).isZero();
        assertThat(batch.nextStartAfter()).isEqualTo(key(100));
        assertThat(calls).containsOnlyKeys("listObjectsV2");
        assertThat(calls("listObjectsV2")).isEqualTo(2);
    }

    @Test
    void copiesOnlyTheObjectWhoseSizeChanged() {
        givenUploads(OLD, 40);
        syncAll(adapter, 1000);
        put(OLD, key(17), "a longer petition than before", Map.of());
        calls.clear();

        SyncBatch batch = adapter.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch.objectsCopied()).isEqualTo(1);
        assertThat(batch.bytesCopied()).isEqualTo("a longer petition than before".length());
        assertThat(calls("copyObject")).isEqualTo(1);
        assertThat(content(NEW, key(17))).isEqualTo("a longer petition than before");
    }

    @Test
    void aSameSizeCopyRecordingTheSourceETagIsAlreadyThere() {
        String eTag = put(OLD, "scans/large.pdf", "original", Map.of());
        put(NEW, "scans/large.pdf", "re-etag!", Map.of(SyncDecision.SOURCE_ETAG, eTag));

        SyncBatch batch = adapter.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch.objectsCopied()).isZero();
        assertThat(calls("headObject")).isEqualTo(1);
        assertThat(calls("copyObject")).isZero();
        assertThat(content(NEW, "scans/large.pdf")).isEqualTo("re-etag!");
    }

    @Test
    void aSameSizeObjectWithAnotherETagAndNoRecordIsCopied() {
        put(OLD, "scans/large.pdf", "original", Map.of());
        put(NEW, "scans/large.pdf", "tampered", Map.of());

        SyncBatch batch = adapter.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch.objectsCopied()).isEqualTo(1);
        assertThat(content(NEW, "scans/large.pdf")).isEqualTo("original");
    }

    @Test
    void aRecordOfAnOlderSourceETagDoesNotCount() {
        put(OLD, "scans/large.pdf", "original", Map.of());
        put(NEW, "scans/large.pdf", "re-etag!", Map.of(SyncDecision.SOURCE_ETAG, "0cc175b9c0f1b6a831c399e269772661"));

        SyncBatch batch = adapter.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch.objectsCopied()).isEqualTo(1);
        assertThat(content(NEW, "scans/large.pdf")).isEqualTo("original");
    }

    @Test
    void copiesAnObjectOverTheThresholdInParts_recordingTheSourceETag() {
        S3Adapter inParts = new S3Adapter(localS3.observed(this::count), new CopySettings(4, 6 * MIB, 5 * MIB));
        byte[] scan = bytes(12 * MIB + 123);
        s3.putObject(b -> b.bucket(OLD).key("scans/big.pdf").contentType("application/pdf")
                .metadata(Map.of("petition", "big")), RequestBody.fromBytes(scan));
        String sourceETag = s3.headObject(b -> b.bucket(OLD).key("scans/big.pdf")).eTag();

        SyncBatch batch = inParts.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch.objectsCopied()).isEqualTo(1);
        assertThat(calls("uploadPartCopy")).isEqualTo(3);
        HeadObjectResponse copy = s3.headObject(b -> b.bucket(NEW).key("scans/big.pdf"));
        assertThat(copy.contentLength()).isEqualTo(scan.length);
        assertThat(copy.contentType()).isEqualTo("application/pdf");
        assertThat(copy.metadata()).containsEntry("petition", "big")
                .containsEntry(SyncDecision.SOURCE_ETAG, sourceETag.replace("\"", ""));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(NEW).key("scans/big.pdf")).asByteArray()).isEqualTo(scan);
        inParts.close();
    }

    @Test
    void aResyncLeavesACopyMadeInPartsAlone() {
        S3Adapter inParts = new S3Adapter(localS3.observed(this::count), new CopySettings(4, 6 * MIB, 5 * MIB));
        s3.putObject(b -> b.bucket(OLD).key("scans/big.pdf"), RequestBody.fromBytes(bytes(11 * MIB)));
        inParts.syncBatch(OLD, NEW, null, 1000);
        calls.clear();

        SyncBatch batch = inParts.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch.objectsCopied()).isZero();
        assertThat(calls).containsOnlyKeys("listObjectsV2", "headObject");
        inParts.close();
    }

    @Test
    void aMultipartUploadIsCopiedWholeWithItsETagRecorded_soAResyncLeavesItAlone() {
        String sourceETag = uploadInParts(OLD, "scans/uploaded-in-parts.pdf", bytes(5 * MIB), bytes(MIB));
        assertThat(sourceETag).contains("-2");

        SyncBatch first = adapter.syncBatch(OLD, NEW, null, 1000);
        calls.clear();
        SyncBatch again = adapter.syncBatch(OLD, NEW, null, 1000);

        assertThat(first.objectsCopied()).isEqualTo(1);
        assertThat(s3.headObject(b -> b.bucket(NEW).key("scans/uploaded-in-parts.pdf")).metadata())
                .containsEntry(SyncDecision.SOURCE_ETAG, sourceETag.replace("\"", ""));
        assertThat(again.objectsCopied()).isZero();
        assertThat(calls("copyObject")).isZero();
    }

    @Test
    void copyingUploadsBackTakesOnlyTheObjectsModifiedSinceTheSwitch() throws InterruptedException {
        givenUploads(NEW, 20);
        // S3 stamps objects to the second: the upload after the switch comes a second later
        Thread.sleep(1100);
        put(NEW, "uploads/after-the-switch.pdf", "%PDF-1.7 uploaded on the new site", Map.of());
        java.time.Instant switchedAt = s3.headObject(b -> b.bucket(NEW).key("uploads/after-the-switch.pdf"))
                .lastModified();

        SyncBatch batch = adapter.syncBatch(NEW, OLD, switchedAt, null, 1000);

        assertThat(batch.objectsSeen()).isEqualTo(21);
        assertThat(batch.objectsCopied()).isEqualTo(1);
        assertThat(content(OLD, "uploads/after-the-switch.pdf")).isEqualTo("%PDF-1.7 uploaded on the new site");
        assertThat(s3.listObjectsV2(b -> b.bucket(OLD)).keyCount()).isEqualTo(1);
    }

    @Test
    void copyingBackLeavesAnObjectThatIsTheRecordedCopyOfTheOldOne() {
        String sourceETag = uploadInParts(OLD, "scans/uploaded-in-parts.pdf", bytes(5 * MIB), bytes(MIB));
        adapter.syncBatch(OLD, NEW, null, 1000);
        calls.clear();

        SyncBatch back = adapter.syncBatch(NEW, OLD, null, null, 1000);

        assertThat(back.objectsCopied()).isZero();
        assertThat(calls("copyObject")).isZero();
        assertThat(s3.headObject(b -> b.bucket(OLD).key("scans/uploaded-in-parts.pdf")).eTag()).isEqualTo(sourceETag);
    }

    @Test
    void pagesTheDestinationOnlyPastItsExtraKeys() {
        givenUploads(OLD, 30);
        syncAll(adapter, 1000);
        for (int i = 1; i <= 10; i++) {
            put(NEW, key(i) + ".bak", "stale", Map.of());
        }
        calls.clear();

        SyncBatch batch = adapter.syncBatch(OLD, NEW, null, 10);

        assertThat(batch.objectsSeen()).isEqualTo(10);
        assertThat(batch.objectsCopied()).isZero();
        assertThat(calls).containsOnlyKeys("listObjectsV2");
        assertThat(calls("listObjectsV2")).isEqualTo(3);
    }

    @Test
    void anEmptySourceEndsTheSync() {
        SyncBatch batch = adapter.syncBatch(OLD, NEW, null, 1000);

        assertThat(batch).isEqualTo(new SyncBatch(null, 0, 0, 0, 0));
    }

    @Test
    void verificationNamesMissingExtraAndResizedKeys() {
        givenUploads(OLD, 5);
        syncAll(adapter, 1000);
        s3.deleteObject(b -> b.bucket(NEW).key(key(2)));
        put(NEW, "petitions/zz-extra.pdf", "extra", Map.of());
        put(NEW, key(4), "0123456789", Map.of());
        long sourceBytes = s3.listObjectsV2(b -> b.bucket(OLD)).contents().stream().mapToLong(o -> o.size()).sum();
        long size4 = s3.headObject(b -> b.bucket(OLD).key(key(4))).contentLength();

        SyncVerification verification = adapter.verifyCopy(OLD, NEW);

        assertThat(verification.same()).isFalse();
        assertThat(verification.sourceObjects()).isEqualTo(5);
        assertThat(verification.destinationObjects()).isEqualTo(5);
        assertThat(verification.sourceBytes()).isEqualTo(sourceBytes);
        assertThat(verification.differences()).containsExactly(
                "missing: " + key(2),
                "size: " + key(4) + " " + size4 + " ≠ 10",
                "extra: petitions/zz-extra.pdf");
    }

    @Test
    void namesTheSourceBucketWhenItDoesNotExist() {
        assertThatThrownBy(() -> adapter.syncBatch("no-such-media", NEW, null, 1000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("S3 bucket 'no-such-media' does not exist");
    }

    @Test
    void refusesABatchOfMoreKeysThanAListingReturns() {
        assertThatThrownBy(() -> adapter.syncBatch(OLD, NEW, null, 1001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).isEmpty();
    }

    private List<SyncBatch> syncAll(S3Adapter sync, int maxKeys) {
        List<SyncBatch> batches = new ArrayList<>();
        String startAfter = null;
        do {
            SyncBatch batch = sync.syncBatch(OLD, NEW, startAfter, maxKeys);
            batches.add(batch);
            startAfter = batch.nextStartAfter();
        } while (startAfter != null);
        return batches;
    }

    private void givenUploads(String bucket, int count) {
        for (int i = 1; i <= count; i++) {
            int petition = i;
            s3.putObject(b -> b.bucket(bucket).key(key(petition)).contentType("application/pdf")
                    .metadata(Map.of("petition", String.valueOf(petition))),
                    RequestBody.fromString("%PDF-1.7 petition " + petition + " " + "x".repeat(petition % 37)));
        }
    }

    private String put(String bucket, String key, String content, Map<String, String> metadata) {
        return s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromString(content))
                .eTag().replace("\"", "");
    }

    private String uploadInParts(String bucket, String key, byte[]... parts) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(parts[i])).eTag();
            completed.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));
        return s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
    }

    private String content(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    private int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    private static String key(int petition) {
        return String.format("petitions/2019/petition-%05d.pdf", petition);
    }

    private static byte[] bytes(long size) {
        byte[] bytes = new byte[(int) size];
        Arrays.fill(bytes, (byte) 'p');
        for (int i = 0; i < bytes.length; i += 4096) {
            bytes[i] = (byte) (i / 4096);
        }
        return bytes;
    }

    private void count(String operation) {
        calls.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
    }
}
