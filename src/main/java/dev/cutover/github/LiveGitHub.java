package dev.cutover.github;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The GitHub adapter, built even without a token: the plan decides whether the branch check asks
 * GitHub at all ({@code cutover.plan.github.repository}), and the adapter refuses a call without one.
 */
@Configuration
@Profile("live")
class LiveGitHub {

    @Bean
    GitHubPort gitHub(@Value("${cutover.github.base-url:https://api.github.com}") URI baseUrl,
            @Value("${cutover.github.token:}") String token) {
        return GitHubAdapter.create(baseUrl, token);
    }
}
