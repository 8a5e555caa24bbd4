package dev.cutover.mailgun;

import dev.cutover.plan.MigrationPlan;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
@Profile("live")
class LiveMailgun {

    @Bean
    MailgunPort mailgun(MigrationPlan plan, @Value("${cutover.mailgun.api-key:}") String apiKey,
            @Value("${cutover.mailgun.base-url:}") String baseUrl) {
        if (apiKey.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_MAILGUN_API_KEY to the Mailgun account's private API key:"
                    + " a live run moves the account's routes and the domain's webhooks with it");
        }
        URI api = baseUrl.isBlank() ? MailgunAdapter.baseUrlFor(plan.mailgun().region()) : URI.create(baseUrl);
        return MailgunAdapter.create(api, apiKey);
    }
}
