package dev.cutover.pingdom;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
@Profile("live")
class LivePingdom {

    @Bean
    PingdomPort pingdom(@Value("${cutover.pingdom.base-url:https://api.pingdom.com/api/3.1}") URI baseUrl,
            @Value("${cutover.pingdom.token:}") String token) {
        if (token.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_PINGDOM_TOKEN to a Pingdom API token with access level"
                    + " Read/Write: a live run adds the check on the new domain with it");
        }
        return PingdomAdapter.create(baseUrl, token);
    }
}
