package dev.cutover.aws.s3;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.RedirectAllRequestsTo;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** {@link S3Port} on the AWS SDK's {@link S3Client}; the bucket sync copies on threads of its own. */
class S3Adapter implements S3Port, AutoCloseable {

    private static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";
    private static final String NO_WEBSITE = "NoSuchWebsiteConfiguration";
    // us-east-1 is S3's default location: it takes no location constraint, and refuses one
    private static final String DEFAULT_REGION = "us-east-1";

    private final S3Client s3;
    private final BucketSync sync;
    private final BucketDeletion deletion;

    S3Adapter(S3Client s3) {
        this(s3, CopySettings.DEFAULTS);
    }

    S3Adapter(S3Client s3, CopySettings copies) {
        this.s3 = s3;
        this.sync = new BucketSync(s3, copies);
        this.deletion = new BucketDeletion(s3);
    }

    @Override
    public SyncBatch syncBatch(String source, String destination, String startAfter, int maxKeys) {
        return sync.syncBatch(source, destination, null, startAfter, maxKeys);
    }

    @Override
    public SyncBatch syncBatch(String source, String destination, Instant modifiedSince, String startAfter,
            int maxKeys) {
        return sync.syncBatch(source, destination, modifiedSince, startAfter, maxKeys);
    }

    @Override
    public SyncVerification verifyCopy(String source, String destination) {
        return sync.verifyCopy(source, destination);
    }

    @Override
    public DeletionBatch deleteBucketBatch(String bucket, int maxKeys) {
        if (bucketRegion(bucket) == null) {
            return DeletionBatch.wasGone();
        }
        return deletion.batch(bucket, maxKeys);
    }

    @Override
    public void close() {
        sync.close();
    }

    @Override
    public Ensured<BucketEncryption> ensureBucketEncrypted(String bucket, BucketEncryption wanted) {
        if (wanted == null || BucketEncryption.NONE.equals(wanted)) {
            throw new IllegalArgumentException(
                    "bucket '" + bucket + "': wanted encryption must be SSE-S3 or SSE-KMS, not " + wanted);
        }
        BucketEncryption current = bucketEncryption(bucket);
        if (current.equals(wanted)) {
            return Ensured.alreadyDone(current);
        }
        try {
            s3.putBucketEncryption(request -> request.bucket(bucket).serverSideEncryptionConfiguration(rule(wanted)));
        } catch (S3Exception e) {
            throw failure(bucket, "put default encryption " + wanted, e);
        }
        BucketEncryption now = bucketEncryption(bucket);
        if (!now.equals(wanted)) {
            throw new IllegalStateException("bucket '" + bucket + "': asked S3 for default encryption " + wanted
                    + " but it reports " + now);
        }
        return Ensured.changed(now);
    }

    @Override
    public List<WrittenObject> objectsWrittenAfter(String bucket, Instant after) {
        return objectsWrittenAfter(bucket, after, BucketSync.MAX_KEYS);
    }

    /** As above, {@code pageSize} keys a listing. */
    List<WrittenObject> objectsWrittenAfter(String bucket, Instant after, int pageSize) {
        try {
            return s3.listObjectsV2Paginator(request -> request.bucket(bucket).maxKeys(pageSize)).contents().stream()
                    .filter(object -> object.lastModified() != null && object.lastModified().isAfter(after))
                    .map(object -> new WrittenObject(object.key(), object.size() == null ? 0 : object.size(),
                            object.lastModified()))
                    .sorted(Comparator.comparing(WrittenObject::lastModified).thenComparing(WrittenObject::key))
                    .toList();
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException("NoSuchBucket: the bucket " + bucket + " does not exist", e);
        } catch (S3Exception e) {
            throw failure(bucket, "list the objects written after " + after, e);
        }
    }

    @Override
    public BucketEncryption bucketEncryption(String bucket) {
        ServerSideEncryptionConfiguration configuration;
        try {
            configuration = s3.getBucketEncryption(request -> request.bucket(bucket))
                    .serverSideEncryptionConfiguration();
        } catch (S3Exception e) {
            if (NO_ENCRYPTION.equals(errorCode(e))) {
                return BucketEncryption.NONE;
            }
            throw failure(bucket, "read default encryption", e);
        }
        if (configuration == null || !configuration.hasRules() || configuration.rules().isEmpty()) {
            return BucketEncryption.NONE;
        }
        ServerSideEncryptionByDefault byDefault = configuration.rules().get(0).applyServerSideEncryptionByDefault();
        if (byDefault == null) {
            return BucketEncryption.NONE;
        }
        String keyArn = byDefault.kmsMasterKeyID();
        return new BucketEncryption(byDefault.sseAlgorithmAsString(),
                keyArn == null || keyArn.isBlank() ? null : keyArn);
    }

    @Override
    public Ensured<String> ensureRedirectBucket(String bucket, String hostName, String protocol) {
        WebsiteRedirect wanted = WebsiteRedirect.wanted(bucket, hostName, protocol);
        String region = bucketRegion(bucket);
        boolean created = false;
        if (region == null) {
            region = createBucket(bucket);
            created = true;
        }
        String endpoint = WebsiteEndpoint.host(bucket, region);
        WebsiteRedirect current = websiteRedirect(bucket);
        if (wanted.equals(current)) {
            return created ? Ensured.changed(endpoint) : Ensured.alreadyDone(endpoint);
        }
        try {
            s3.putBucketWebsite(request -> request.bucket(bucket).websiteConfiguration(website -> website
                    .redirectAllRequestsTo(to -> to.hostName(wanted.hostName()).protocol(wanted.protocol()))));
        } catch (S3Exception e) {
            throw failure(bucket, "redirect its website to " + wanted, e);
        }
        WebsiteRedirect now = websiteRedirect(bucket);
        if (!wanted.equals(now)) {
            throw new IllegalStateException("bucket '" + bucket + "': asked S3 to redirect its website to " + wanted
                    + " but it reports " + (now == null ? "no redirect" : now));
        }
        return Ensured.changed(endpoint);
    }

    @Override
    public boolean mergeJsonObject(String bucket, String key, Map<String, String> changes) {
        String where = "s3://" + bucket + "/" + key;
        FlatJsonObject object;
        ServerSideEncryption encryption = ServerSideEncryption.AES256;
        String kmsKeyId = null;
        try {
            ResponseBytes<GetObjectResponse> current = s3.getObjectAsBytes(request -> request.bucket(bucket).key(key));
            object = FlatJsonObject.parse(where, current.asByteArray());
            if (current.response().serverSideEncryption() != null
                    && current.response().serverSideEncryption() != ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
                encryption = current.response().serverSideEncryption();
                kmsKeyId = current.response().ssekmsKeyId();
            }
        } catch (NoSuchKeyException missing) {
            object = FlatJsonObject.empty();
        } catch (S3Exception e) {
            throw failure(bucket, "read " + where, e);
        }
        if (!object.merge(changes)) {
            return false;
        }
        ServerSideEncryption sse = encryption;
        String sseKey = kmsKeyId;
        try {
            s3.putObject(request -> request.bucket(bucket).key(key)
                            .contentType("application/json")
                            .serverSideEncryption(sse)
                            .ssekmsKeyId(sseKey),
                    RequestBody.fromBytes(object.toBytes()));
        } catch (S3Exception e) {
            throw failure(bucket, "write " + where, e);
        }
        return true;
    }

    /** The region the bucket is in, or null when there is no such bucket. */
    private String bucketRegion(String bucket) {
        try {
            String region = s3.headBucket(request -> request.bucket(bucket)).bucketRegion();
            return region == null || region.isBlank() ? clientRegion() : region;
        } catch (NoSuchBucketException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new StepFailedException("S3 bucket '" + bucket + "' exists but S3 refuses us access to it"
                        + " (403 Forbidden): another AWS account owns the name, or our credentials lack"
                        + " s3:ListBucket on it", e);
            }
            if (e.statusCode() == 301) {
                String elsewhere = e.awsErrorDetails() == null ? null : e.awsErrorDetails().sdkHttpResponse()
                        .firstMatchingHeader("x-amz-bucket-region").orElse(null);
                throw new StepFailedException("S3 bucket '" + bucket + "' is in region "
                        + (elsewhere == null ? "another region" : elsewhere) + ", not in " + clientRegion()
                        + " where Cutover manages buckets (301 Moved Permanently)", e);
            }
            throw e;
        }
    }

    private String createBucket(String bucket) {
        String region = clientRegion();
        try {
            s3.createBucket(request -> {
                request.bucket(bucket);
                if (!DEFAULT_REGION.equals(region)) {
                    request.createBucketConfiguration(configuration -> configuration.locationConstraint(region));
                }
            });
        } catch (BucketAlreadyOwnedByYouException concurrentlyCreated) {
            return region;
        } catch (BucketAlreadyExistsException e) {
            throw new StepFailedException("S3 bucket name '" + bucket + "' is taken by another AWS account; S3 said: "
                    + message(e), e);
        }
        return region;
    }

    /** Where the bucket's website redirects every request, or null when it has no such redirect. */
    private WebsiteRedirect websiteRedirect(String bucket) {
        RedirectAllRequestsTo redirect;
        try {
            redirect = s3.getBucketWebsite(request -> request.bucket(bucket)).redirectAllRequestsTo();
        } catch (S3Exception e) {
            if (NO_WEBSITE.equals(errorCode(e))) {
                return null;
            }
            throw failure(bucket, "read its website configuration", e);
        }
        return redirect == null ? null : WebsiteRedirect.of(redirect.hostName(), redirect.protocolAsString());
    }

    private String clientRegion() {
        return s3.serviceClientConfiguration().region().id();
    }

    private static String message(S3Exception e) {
        return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }

    private static ServerSideEncryptionConfiguration rule(BucketEncryption wanted) {
        var rule = ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(byDefault -> byDefault
                        .sseAlgorithm(wanted.algorithm())
                        .kmsMasterKeyID(wanted.kmsKeyArn()));
        if (wanted.algorithm().startsWith(BucketEncryption.SSE_KMS)) {
            // a bucket key cuts the KMS requests (and their cost) per object
            rule.bucketKeyEnabled(true);
        }
        return ServerSideEncryptionConfiguration.builder().rules(rule.build()).build();
    }

    private static RuntimeException failure(String bucket, String action, S3Exception e) {
        if (NO_SUCH_BUCKET.equals(errorCode(e))) {
            return new IllegalStateException("S3 bucket '" + bucket + "' does not exist: cannot " + action, e);
        }
        return e;
    }

    private static String errorCode(S3Exception e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? null : details.errorCode();
    }
}
