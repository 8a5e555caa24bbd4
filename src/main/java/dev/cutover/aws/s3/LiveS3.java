package dev.cutover.aws.s3;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import dev.cutover.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration
@Profile("live")
class LiveS3 {

    @Bean(destroyMethod = "close")
    S3Client s3Client(MigrationPlan plan, AwsSettings aws) {
        return AwsClients.s3(Region.of(plan.aws().region()), aws.endpoint("s3"), DefaultCredentialsProvider.builder().build());
    }

    @Bean(destroyMethod = "close")
    S3Adapter s3(S3Client client) {
        return new S3Adapter(client);
    }
}
