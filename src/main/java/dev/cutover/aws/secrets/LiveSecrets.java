package dev.cutover.aws.secrets;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import dev.cutover.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@Configuration
@Profile("live")
class LiveSecrets {

    @Bean(destroyMethod = "close")
    SecretsManagerClient secretsManagerClient(MigrationPlan plan, AwsSettings aws) {
        return AwsClients.secretsManager(Region.of(plan.aws().region()), aws.endpoint("secretsmanager"),
                DefaultCredentialsProvider.builder().build());
    }

    @Bean
    SecretStorePort secretStore(SecretsManagerClient client) {
        return new SecretsManagerAdapter(client);
    }
}
