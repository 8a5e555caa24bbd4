package dev.cutover.aws.lambda;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import dev.cutover.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

@Configuration
@Profile("live")
class LiveLambda {

    @Bean(destroyMethod = "close")
    LambdaClient lambdaClient(MigrationPlan plan, AwsSettings aws) {
        return AwsClients.lambda(Region.of(plan.aws().region()), aws.endpoint("lambda"),
                DefaultCredentialsProvider.builder().build());
    }

    @Bean
    LambdaPort lambda(LambdaClient client) {
        return new LambdaAdapter(client);
    }
}
