package dev.cutover.aws.iam;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

@Configuration
@Profile("live")
class LiveIam {

    @Bean(destroyMethod = "close")
    IamClient iamClient(AwsSettings aws) {
        return AwsClients.iam(Region.AWS_GLOBAL, aws.endpoint("iam"), DefaultCredentialsProvider.builder().build());
    }

    @Bean
    IamPort iam(IamClient client) {
        return new IamAdapter(client);
    }
}
