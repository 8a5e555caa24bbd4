package dev.cutover.namecheap;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
@Profile("live")
class LiveNamecheap {

    @Bean
    NamecheapPort namecheap(
            @Value("${cutover.namecheap.api-user:}") String apiUser,
            @Value("${cutover.namecheap.api-key:}") String apiKey,
            @Value("${cutover.namecheap.username:}") String username,
            @Value("${cutover.namecheap.client-ip:}") String clientIp,
            @Value("${cutover.namecheap.base-url:https://api.namecheap.com/xml.response}") URI baseUrl) {
        if (apiKey.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_NAMECHEAP_API_KEY to the Namecheap API key of the account"
                    + " that holds the old domain's zone: a live run changes its records with it");
        }
        if (apiUser.isBlank() || clientIp.isBlank()) {
            throw new IllegalStateException("Set cutover.namecheap.api-user (CUTOVER_NAMECHEAP_API_USER) and"
                    + " cutover.namecheap.client-ip (CUTOVER_NAMECHEAP_CLIENT_IP, the address whitelisted for"
                    + " API access): Namecheap refuses every call without them");
        }
        String userName = username.isBlank() ? apiUser : username;
        return NamecheapAdapter.create(baseUrl, new NamecheapAdapter.Account(apiUser, apiKey, userName, clientIp));
    }
}
