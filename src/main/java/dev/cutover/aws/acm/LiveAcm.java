package dev.cutover.aws.acm;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import dev.cutover.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;

@Configuration
@Profile("live")
class LiveAcm {

    @Bean(destroyMethod = "close")
    AcmClient acmClient(MigrationPlan plan, AwsSettings aws) {
        return AwsClients.acm(Region.of(plan.preparation().certificateRegion()), aws.endpoint("acm"),
                DefaultCredentialsProvider.builder().build());
    }

    @Bean
    AcmPort acm(AcmClient client) {
        return new AcmAdapter(client);
    }
}
