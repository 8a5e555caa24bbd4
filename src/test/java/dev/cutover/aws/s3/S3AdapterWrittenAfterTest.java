package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** List the files to rebuild: the media bucket's objects written after the clean snapshot. */
class S3AdapterWrittenAfterTest {

    private static final String BUCKET = "media-prod";

    @RegisterExtension
    final LocalS3 localS3 = new LocalS3();

    private S3Client s3;
    private S3Adapter adapter;

    @BeforeEach
    void s3OnS3Proxy() {
        s3 = localS3.client();
        adapter = new S3Adapter(s3);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void listsOnlyWhatWasWrittenAfterTheInstantAcrossPages() throws InterruptedException {
        for (String key : List.of("petitions/2023/a.pdf", "petitions/2023/b.pdf", "petitions/2023/c.pdf")) {
            put(key, 1200);
        }
        Instant snapshotTaken = s3.headObject(b -> b.bucket(BUCKET).key("petitions/2023/c.pdf")).lastModified();
        // LastModified has whole seconds: what is written next must be dated a second later
        Thread.sleep(1100);
        put("petitions/2026/rebuilt-from-broken-data.pdf", 48_213);
        put("petitions/2026/another.pdf", 51_002);
        put("uploads/photos/2026/id-9.jpg", 300_000);

        List<WrittenObject> written = adapter.objectsWrittenAfter(BUCKET, snapshotTaken, 2);

        assertThat(written).extracting(WrittenObject::key).containsExactlyInAnyOrder(
                "petitions/2026/rebuilt-from-broken-data.pdf", "petitions/2026/another.pdf",
                "uploads/photos/2026/id-9.jpg");
        assertThat(written).allSatisfy(object -> assertThat(object.lastModified()).isAfter(snapshotTaken));
        assertThat(written).filteredOn(object -> object.key().endsWith("another.pdf"))
                .extracting(WrittenObject::size).containsExactly(51_002L);
    }

    @Test
    void listsNothingWhenNothingWasWrittenSince() {
        put("petitions/2023/a.pdf", 1200);

        assertThat(adapter.objectsWrittenAfter(BUCKET, Instant.now().plusSeconds(5))).isEmpty();
    }

    @Test
    void aBucketThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> adapter.objectsWrittenAfter("no-such-media", Instant.EPOCH))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-media");
    }

    private void put(String key, int size) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(new byte[size]));
    }
}
