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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

class S3AdapterTest {

    private static final String BUCKET = "media-prod";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

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
    void turnsOnSseS3ForAnUnencryptedBucket() {
        s3.createBucket(b -> b.bucket(BUCKET));

        Ensured<BucketEncryption> result = adapter.ensureBucketEncrypted(BUCKET, BucketEncryption.sseS3());

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(result.value()).isEqualTo(BucketEncryption.sseS3());
        assertThat(defaultRule(BUCKET).applyServerSideEncryptionByDefault().sseAlgorithm())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void leavesABucketAlreadyOnSseS3Untouched() {
        s3.createBucket(b -> b.bucket(BUCKET));
        encrypt(BUCKET, ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                .build());

        Ensured<BucketEncryption> result = adapter.ensureBucketEncrypted(BUCKET, BucketEncryption.sseS3());

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(callsToS3).containsExactly("getBucketEncryption");
    }

    @Test
    void turnsOnSseKmsWithTheKeyAndABucketKey() {
        s3.createBucket(b -> b.bucket(BUCKET));

        Ensured<BucketEncryption> result = adapter.ensureBucketEncrypted(BUCKET, BucketEncryption.kms(KEY_ARN));

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        ServerSideEncryptionRule rule = defaultRule(BUCKET);
        assertThat(rule.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(rule.applyServerSideEncryptionByDefault().kmsMasterKeyID()).isEqualTo(KEY_ARN);
        assertThat(rule.bucketKeyEnabled()).isTrue();
    }

    @Test
    void movesABucketFromSseS3ToSseKms() {
        s3.createBucket(b -> b.bucket(BUCKET));
        adapter.ensureBucketEncrypted(BUCKET, BucketEncryption.sseS3());

        Ensured<BucketEncryption> result = adapter.ensureBucketEncrypted(BUCKET, BucketEncryption.kms(KEY_ARN));

        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(adapter.bucketEncryption(BUCKET)).isEqualTo(BucketEncryption.kms(KEY_ARN));
    }

    @Test
    void readsAnUnencryptedBucketAsNone() {
        s3.createBucket(b -> b.bucket(BUCKET));

        BucketEncryption encryption = adapter.bucketEncryption(BUCKET);

        assertThat(encryption).isEqualTo(BucketEncryption.NONE);
    }

    @Test
    void namesTheBucketWhenItDoesNotExist() {
        assertThatThrownBy(() -> adapter.ensureBucketEncrypted("no-such-media", BucketEncryption.sseS3()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket 'no-such-media' does not exist");
    }

    private void encrypt(String bucket, ServerSideEncryptionRule rule) {
        s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(rule)));
    }

    private ServerSideEncryptionRule defaultRule(String bucket) {
        return s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
    }

}
