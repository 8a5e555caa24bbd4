package dev.cutover.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.step.StepFailedException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Zappa's remote env in S3, so the next deploy keeps what Day 2 changed. */
class S3AdapterRemoteEnvTest {

    private static final String BUCKET = "clearmyrecord-zappa-settings";
    private static final String KEY = "production/remote_env.json";
    private static final String NEW_DATABASE_URL =
            "postgres://clearmyrecord:Xq7-vT2!pL9mR4kW8zN3@prod.example.rds.amazonaws.com/cmr";

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
    void mergesTheChangeAndKeepsTheOtherKeys() throws Exception {
        put("""
                {"SENTRY_DSN": "https://9f8e7d6c@o123456.ingest.sentry.io/7654321",
                 "DATABASE_URL": "postgres://clearmyrecord:old@prod.example.rds.amazonaws.com/cmr",
                 "DEBUG": false}
                """);

        adapter.mergeJsonObject(BUCKET, KEY, Map.of("DATABASE_URL", NEW_DATABASE_URL));

        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(KEY));
        assertThat(new ObjectMapper().readTree(stored.asByteArray())).isEqualTo(new ObjectMapper().readTree("""
                {"SENTRY_DSN": "https://9f8e7d6c@o123456.ingest.sentry.io/7654321",
                 "DATABASE_URL": "%s",
                 "DEBUG": false}
                """.formatted(NEW_DATABASE_URL)));
        assertThat(stored.response().contentType()).isEqualTo("application/json");
    }

    @Test
    void createsTheObjectWhenItIsMissing() throws Exception {
        adapter.mergeJsonObject(BUCKET, KEY, Map.of("DATABASE_URL", NEW_DATABASE_URL));

        byte[] stored = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(KEY)).asByteArray();
        assertThat(new ObjectMapper().readTree(stored))
                .isEqualTo(new ObjectMapper().readTree("{\"DATABASE_URL\": \"" + NEW_DATABASE_URL + "\"}"));
    }

    @Test
    void writesNothingWhenTheObjectAlreadyHoldsTheValues() {
        put("{\"DATABASE_URL\": \"" + NEW_DATABASE_URL + "\"}");
        String eTag = s3.headObject(r -> r.bucket(BUCKET).key(KEY)).eTag();

        boolean written = adapter.mergeJsonObject(BUCKET, KEY, Map.of("DATABASE_URL", NEW_DATABASE_URL));

        assertThat(written).isFalse();
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key(KEY)).eTag()).isEqualTo(eTag);
    }

    @Test
    void refusesAnObjectThatIsNotJsonWithoutQuotingIt() {
        put("DATABASE_URL=postgres://clearmyrecord:hunter2@prod/cmr");

        assertThatThrownBy(() -> adapter.mergeJsonObject(BUCKET, KEY, Map.of("DATABASE_URL", NEW_DATABASE_URL)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + KEY)
                .hasNoCause()
                .satisfies(thrown -> assertThat(thrown.getMessage()).doesNotContain("hunter2", NEW_DATABASE_URL));
    }

    @Test
    void refusesAnObjectThatIsNotFlat() {
        put("{\"production\": {\"DATABASE_URL\": \"postgres://clearmyrecord:hunter2@prod/cmr\"}}");

        assertThatThrownBy(() -> adapter.mergeJsonObject(BUCKET, KEY, Map.of("DATABASE_URL", NEW_DATABASE_URL)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("not a flat JSON object", "'production'")
                .satisfies(thrown -> assertThat(thrown.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void namesABucketThatDoesNotExist() {
        assertThatThrownBy(() -> adapter.mergeJsonObject("no-such-bucket", KEY, Map.of("A", "b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'no-such-bucket'");
    }

    private void put(String json) {
        s3.putObject(r -> r.bucket(BUCKET).key(KEY).contentType("application/json"), RequestBody.fromString(json));
    }
}
