package dev.cutover.aws.route53;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

@Configuration
@Profile("live")
class LiveRoute53 {

    @Bean(destroyMethod = "close")
    Route53Client route53Client(AwsSettings aws) {
        return AwsClients.route53(aws.endpoint("route53"), DefaultCredentialsProvider.builder().build());
    }

    @Bean
    Route53Port route53(Route53Client client) {
        return new Route53Adapter(client);
    }
}
