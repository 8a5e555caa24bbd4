package dev.cutover.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * Builds the AWS clients the adapters run on. An endpoint override points a client at something
 * other than AWS (a rehearsal or test server); {@code null} means the real regional endpoint.
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    // covers the SDK's own retries; the engine's job retries come on top
    private static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(2);

    private AwsClients() {
    }

    public static RdsClient rds(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return configure(RdsClient.builder(), region, endpointOverride, credentials).build();
    }

    public static S3Client s3(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        var builder = configure(S3Client.builder(), region, endpointOverride, credentials);
        if (endpointOverride != null) {
            // S3 clones rarely serve virtual-hosted buckets or understand the SDK's default
            // trailing checksums (aws-chunked uploads)
            builder.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /** IAM is global: pass {@link Region#AWS_GLOBAL}. */
    public static IamClient iam(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return configure(IamClient.builder(), region, endpointOverride, credentials).build();
    }

    public static SecretsManagerClient secretsManager(Region region, URI endpointOverride,
            AwsCredentialsProvider credentials) {
        return configure(SecretsManagerClient.builder(), region, endpointOverride, credentials).build();
    }

    public static ServiceQuotasClient serviceQuotas(Region region, URI endpointOverride,
            AwsCredentialsProvider credentials) {
        return configure(ServiceQuotasClient.builder(), region, endpointOverride, credentials).build();
    }

    public static LambdaClient lambda(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return configure(LambdaClient.builder(), region, endpointOverride, credentials).build();
    }

    /** Route53 is a global service: one endpoint, whatever the plan's region. */
    public static Route53Client route53(URI endpointOverride, AwsCredentialsProvider credentials) {
        return configure(Route53Client.builder(), Region.AWS_GLOBAL, endpointOverride, credentials).build();
    }

    public static AcmClient acm(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        return configure(AcmClient.builder(), region, endpointOverride, credentials).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .connectionAcquisitionTimeout(CONNECTION_ACQUISITION_TIMEOUT))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .apiCallTimeout(API_CALL_TIMEOUT)
                        .build());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder;
    }
}
