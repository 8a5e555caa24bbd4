package dev.cutover.aws.quotas;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import dev.cutover.plan.MigrationPlan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

@Configuration
@Profile("live")
class LiveServiceQuotas {

    @Bean(destroyMethod = "close")
    ServiceQuotasClient serviceQuotasClient(MigrationPlan plan, AwsSettings aws) {
        return AwsClients.serviceQuotas(Region.of(plan.aws().region()), aws.endpoint("servicequotas"),
                DefaultCredentialsProvider.builder().build());
    }

    @Bean
    ServiceQuotasPort serviceQuotas(ServiceQuotasClient client) {
        return new ServiceQuotasAdapter(client);
    }
}
