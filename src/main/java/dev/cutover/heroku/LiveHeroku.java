package dev.cutover.heroku;

import java.net.URI;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
@Profile("live")
class LiveHeroku {

    @Bean
    HerokuPort heroku(@Value("${cutover.heroku.token:}") String token,
            @Value("${cutover.heroku.base-url:https://api.heroku.com}") URI baseUrl, Clock clock) {
        if (token.isBlank()) {
            throw new IllegalStateException("Set CUTOVER_HEROKU_TOKEN to a Heroku API token"
                    + " (heroku authorizations:create) of a user who may change the app:"
                    + " a live run sets its config vars, scales its dynos, turns maintenance mode on and reads the router's log with it");
        }
        return HerokuAdapter.create(baseUrl, token, clock);
    }
}
