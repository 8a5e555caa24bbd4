package dev.cutover.aws.rds;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import dev.cutover.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;

@Configuration
@Profile("live")
class LiveRds {

    @Bean(destroyMethod = "close")
    RdsClient rdsClient(MigrationPlan plan, AwsSettings aws) {
        return AwsClients.rds(Region.of(plan.aws().region()), aws.endpoint("rds"), DefaultCredentialsProvider.builder().build());
    }

    @Bean
    RdsPort rds(RdsClient client) {
        return new RdsAdapter(client);
    }
}
